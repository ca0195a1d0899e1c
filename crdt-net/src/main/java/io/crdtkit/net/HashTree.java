package io.crdtkit.net;

/**
 * The digest tree of a node's keys (NET.md, "Anti-entropy"): a 16-way Merkle tree over the key-hash space, where
 * the node at level {@code d}, index {@code i} covers the keys whose 64-bit key hash starts with the {@code 4d} bits
 * of {@code i}. A node's hash is the sum (mod 2^64) of its keys' {@linkplain #mix mixed} key and state hashes, so
 * one key's change updates one node per level in O(depth), and a node's hash does not depend on how deep either
 * side's tree goes: two nodes compare any level they like. Not thread-safe: the node's protocol thread owns it.
 */
final class HashTree {

  static final int FAN_OUT_BITS = 4;

  private final int depth;
  private final long[][] hashes;
  private final int[][] counts;

  HashTree(int depth) {
    if (depth < 0 || depth > FrameCodec.MAX_TREE_LEVEL - 1) {
      throw new IllegalArgumentException("tree depth must be 0 to " + (FrameCodec.MAX_TREE_LEVEL - 1) + ", got "
          + depth);
    }
    this.depth = depth;
    hashes = new long[depth + 1][];
    counts = new int[depth + 1][];
    for (int level = 0; level <= depth; level++) {
      hashes[level] = new long[1 << (FAN_OUT_BITS * level)];
      counts[level] = new int[1 << (FAN_OUT_BITS * level)];
    }
  }

  int depth() {
    return depth;
  }

  /** A key entered the tree, left it ({@code newMix} 0 and {@code countDelta} -1), or its state hash changed. */
  void update(long keyHash, long oldMix, long newMix, int countDelta) {
    long change = newMix - oldMix;
    for (int level = 0; level <= depth; level++) {
      int index = index(keyHash, level);
      hashes[level][index] += change;
      counts[level][index] += countDelta;
    }
  }

  long hash(int level, int index) {
    return hashes[level][index];
  }

  int keys(int level, int index) {
    return counts[level][index];
  }

  long rootHash() {
    return hashes[0][0];
  }

  int size() {
    return counts[0][0];
  }

  /** The index, at {@code level}, of the tree node that covers {@code keyHash}. */
  static int index(long keyHash, int level) {
    return level == 0 ? 0 : (int) (keyHash >>> (Long.SIZE - FAN_OUT_BITS * level));
  }

  /** The first key hash (unsigned) a node covers. */
  static long firstHash(int level, int index) {
    return level == 0 ? 0 : ((long) index) << (Long.SIZE - FAN_OUT_BITS * level);
  }

  /**
   * What one key adds to the hashes of the nodes above it. Mixing the key in makes two keys that swapped states
   * differ; the finalizer spreads the bits so that sums of many keys do not cancel in patterns.
   */
  static long mix(long keyHash, long stateHash) {
    return finalizer(keyHash ^ finalizer(stateHash + 0x9E3779B97F4A7C15L));
  }

  /** SplitMix64's finalizer (Steele, Lea and Flood, 2014): a bijection with good avalanche. */
  static long finalizer(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
