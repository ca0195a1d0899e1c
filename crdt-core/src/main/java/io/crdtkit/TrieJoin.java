package io.crdtkit;

import io.crdtkit.TrieNode.Bitmap;
import io.crdtkit.TrieNode.Collision;
import org.jspecify.annotations.Nullable;

/**
 * The join of two {@link HashTrie}s, walked in lockstep, node against node. What makes it cost what the two sides
 * differ by rather than what they hold: two replicas of a state share every node that neither changed since they
 * last met, and a node met on both sides ({@code a == b}) is kept without a visit whenever the joiner keeps equal
 * values; a side's subtree that the other side lacks is kept whole when the joiner keeps such entries. The result
 * shares every node it can with either side, and is one of the sides (the same instance) when it equals it.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class TrieJoin<K, V> {

  private final HashTrie.Joiner<K, V> joiner;
  private final boolean keepsEqual;
  private final boolean keepsOnlyMine;

  TrieJoin(HashTrie.Joiner<K, V> joiner) {
    this.joiner = joiner;
    this.keepsEqual = joiner.keepsEqual();
    this.keepsOnlyMine = joiner.keepsOnlyMine();
  }

  /** The join of two nodes at {@code shift}: {@code mine}'s entries against {@code theirs}. */
  TrieNode join(TrieNode mine, TrieNode theirs, int shift) {
    if (mine == theirs && keepsEqual) {
      return mine;
    }
    if (mine instanceof Collision || theirs instanceof Collision) {
      return joinCollisions(mine, theirs);
    }
    Bitmap a = (Bitmap) mine;
    Bitmap b = (Bitmap) theirs;
    int myChunks = a.dataMap | a.nodeMap;
    int all = myChunks | b.dataMap | b.nodeMap;
    // When this side's own entries are kept as they are, only the chunks the other side holds need a visit: a
    // delta's join touches one path of the trie, not every chunk of every node on it.
    int visit = keepsOnlyMine ? b.dataMap | b.nodeMap : all;
    Slot[] joined = new Slot[Integer.bitCount(visit)];
    boolean sameAsMine = true;
    boolean sameAsTheirs = (myChunks & ~visit) == 0;
    int slot = 0;
    for (int remaining = visit; remaining != 0; remaining &= remaining - 1) {
      int bit = remaining & -remaining;
      Slot result = joinSlot(a, b, bit, shift);
      joined[slot++] = result;
      sameAsMine &= result.sameAs(a, bit);
      sameAsTheirs &= result.sameAs(b, bit);
    }
    if (sameAsMine) {
      return mine;
    }
    if (sameAsTheirs) {
      return theirs;
    }
    return build(a, all, visit, joined);
  }

  /**
   * The joined node: the {@code joined} slots at the {@code visit} chunks, and {@code a}'s own at the others. Two
   * passes (the maps and size, then the content), so that the only array made is the node's own; the size is
   * {@code a}'s corrected at the visited chunks, so that no child left as it was is read (at 100,000 entries,
   * reading every child's size costs more cache misses than the rest of a delta's join).
   */
  private static TrieNode build(Bitmap a, int all, int visit, Slot[] joined) {
    int dataMap = a.dataMap & ~visit;
    int nodeMap = a.nodeMap & ~visit;
    int size = a.size();
    int slot = 0;
    for (int remaining = visit; remaining != 0; remaining &= remaining - 1) {
      int bit = remaining & -remaining;
      if ((a.dataMap & bit) != 0) {
        size--;
      } else if ((a.nodeMap & bit) != 0) {
        size -= a.nodeAt(bit).size();
      }
      Slot result = joined[slot++];
      if (result.node != null) {
        nodeMap |= bit;
        size += result.node.size();
      } else if (result.key != null) {
        dataMap |= bit;
        size++;
      }
    }
    if (size == 0) {
      return TrieNode.EMPTY;
    }
    if (dataMap == a.dataMap && nodeMap == a.nodeMap) {
      // The same shape (a delta's join, usually): a copy of a's content with the visited slots replaced.
      Object[] content = a.content.clone();
      slot = 0;
      for (int remaining = visit; remaining != 0; remaining &= remaining - 1) {
        int bit = remaining & -remaining;
        Slot result = joined[slot++];
        if (result.node != null) {
          content[a.nodeIndex(bit)] = result.node;
        } else if (result.key != null) {
          int index = a.dataIndex(bit);
          content[index] = result.key;
          content[index + 1] = result.value;
        }
      }
      return new Bitmap(dataMap, nodeMap, content, size);
    }
    Object[] content = new Object[2 * Integer.bitCount(dataMap) + Integer.bitCount(nodeMap)];
    int entry = 0;
    int child = 2 * Integer.bitCount(dataMap);
    slot = 0;
    for (int remaining = all; remaining != 0; remaining &= remaining - 1) {
      int bit = remaining & -remaining;
      if ((visit & bit) != 0) {
        Slot result = joined[slot++];
        if (result.node != null) {
          content[child++] = result.node;
        } else if (result.key != null) {
          content[entry++] = result.key;
          content[entry++] = result.value;
        }
      } else if ((a.dataMap & bit) != 0) {
        int index = a.dataIndex(bit);
        content[entry++] = a.content[index];
        content[entry++] = a.content[index + 1];
      } else {
        content[child++] = a.nodeAt(bit);
      }
    }
    return new Bitmap(dataMap, nodeMap, content, size);
  }

  /** What the result holds at {@code bit}, from what each side holds there. */
  @SuppressWarnings("unchecked")
  private Slot joinSlot(Bitmap a, Bitmap b, int bit, int shift) {
    boolean mineData = (a.dataMap & bit) != 0;
    boolean mineNode = (a.nodeMap & bit) != 0;
    boolean theirData = (b.dataMap & bit) != 0;
    boolean theirNode = (b.nodeMap & bit) != 0;
    if (!theirData && !theirNode) {
      return mineData
          ? Slot.entry(key(a, bit), joiner.onlyMine(key(a, bit), value(a, bit)))
          : Slot.of(join(a.nodeAt(bit), TrieNode.EMPTY, shift + TrieNode.BITS));
    }
    if (!mineData && !mineNode) {
      return theirData
          ? Slot.entry(key(b, bit), joiner.onlyTheirs(key(b, bit), value(b, bit)))
          : Slot.of(join(TrieNode.EMPTY, b.nodeAt(bit), shift + TrieNode.BITS));
    }
    if (mineData && theirData) {
      K myKey = key(a, bit);
      K theirKey = key(b, bit);
      V myValue = value(a, bit);
      V theirValue = value(b, bit);
      if (TrieNode.sameKey(myKey, theirKey)) {
        return Slot.entry(myKey,
            myValue == theirValue && keepsEqual ? myValue : joiner.both(myKey, myValue, theirValue));
      }
      V keptMine = keepsOnlyMine ? myValue : joiner.onlyMine(myKey, myValue);
      V keptTheirs = joiner.onlyTheirs(theirKey, theirValue);
      if (keptMine != null && keptTheirs != null) {
        return Slot.node(TrieNode.pair(myKey, keptMine, TrieNode.hash(myKey), theirKey, keptTheirs,
            TrieNode.hash(theirKey), shift + TrieNode.BITS));
      }
      return keptMine != null ? Slot.entry(myKey, keptMine) : Slot.entry(theirKey, keptTheirs);
    }
    // An entry on one side meets a subtree on the other: the entry goes down a level, as a one-entry node.
    int below = shift + TrieNode.BITS;
    TrieNode myChild = mineNode ? a.nodeAt(bit) : down(a, bit, below);
    TrieNode theirChild = theirNode ? b.nodeAt(bit) : down(b, bit, below);
    return Slot.of(join(myChild, theirChild, below));
  }

  private static TrieNode down(Bitmap node, int bit, int shift) {
    int index = node.dataIndex(bit);
    Object key = node.content[index];
    return TrieNode.single(key, node.content[index + 1], TrieNode.hash(key), shift);
  }

  @SuppressWarnings("unchecked")
  private static <K> K key(Bitmap node, int bit) {
    return (K) node.content[node.dataIndex(bit)];
  }

  @SuppressWarnings("unchecked")
  private static <V> V value(Bitmap node, int bit) {
    return (V) node.content[node.dataIndex(bit) + 1];
  }

  /** Below the last hash bits: every key on either side has the same hash (or a side is empty). */
  @SuppressWarnings("unchecked")
  private TrieNode joinCollisions(TrieNode mine, TrieNode theirs) {
    Object[] a = mine.content();
    Object[] b = theirs.content();
    Object[] out = new Object[a.length + b.length];
    int length = 0;
    boolean sameAsMine = true;
    boolean[] matched = new boolean[b.length / 2];
    for (int i = 0; i < a.length; i += 2) {
      K key = (K) a[i];
      V value = (V) a[i + 1];
      int j = indexOf(b, key);
      V kept;
      if (j >= 0) {
        matched[j / 2] = true;
        V theirValue = (V) b[j + 1];
        kept = value == theirValue && keepsEqual ? value : joiner.both(key, value, theirValue);
      } else {
        kept = keepsOnlyMine ? value : joiner.onlyMine(key, value);
      }
      sameAsMine &= kept == value;
      if (kept != null) {
        out[length++] = key;
        out[length++] = kept;
      }
    }
    for (int j = 0; j < b.length; j += 2) {
      if (!matched[j / 2]) {
        V kept = joiner.onlyTheirs((K) b[j], (V) b[j + 1]);
        if (kept != null) {
          sameAsMine = false;
          out[length++] = b[j];
          out[length++] = kept;
        }
      }
    }
    if (sameAsMine) {
      return mine;
    }
    if (length == 0) {
      return TrieNode.EMPTY;
    }
    int hash = mine instanceof Collision collision ? collision.hash : ((Collision) theirs).hash;
    return new Collision(hash, java.util.Arrays.copyOf(out, length));
  }

  private static int indexOf(Object[] content, Object key) {
    for (int index = 0; index < content.length; index += 2) {
      if (TrieNode.sameKey(content[index], key)) {
        return index;
      }
    }
    return -1;
  }

  /** What a joined node holds at one chunk: nothing, an entry, or a child of at least two entries. */
  private record Slot(@Nullable Object key, @Nullable Object value, @Nullable TrieNode node) {

    private static final Slot NOTHING = new Slot(null, null, null);

    static Slot entry(Object key, @Nullable Object value) {
      return value == null ? NOTHING : new Slot(key, value, null);
    }

    static Slot node(TrieNode node) {
      return new Slot(null, null, node);
    }

    /** A joined child, kept canonical: an empty one disappears and a one-entry one is inlined. */
    static Slot of(TrieNode joined) {
      return switch (joined.size()) {
        case 0 -> NOTHING;
        case 1 -> new Slot(joined.singleKey(), joined.singleValue(), null);
        default -> node(joined);
      };
    }

    /** Whether {@code side} holds exactly this (the same instances) at {@code bit}. */
    boolean sameAs(Bitmap side, int bit) {
      if ((side.dataMap & bit) != 0) {
        int index = side.dataIndex(bit);
        return node == null && key == side.content[index] && value == side.content[index + 1];
      }
      if ((side.nodeMap & bit) != 0) {
        return node != null && node == side.nodeAt(bit);
      }
      return key == null && node == null;
    }
  }
}
