package io.crdtkit;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A node of {@link HashTrie}: a CHAMP node (Steindorfer and Vinju, <em>Optimizing Hash-Array Mapped Tries for Fast
 * and Lean Immutable JVM Collections</em>, OOPSLA 2015), or, below the last bits of the hash, a list of keys whose
 * hashes are equal.
 *
 * <p>Nodes are kept <em>canonical</em>: a key sits in the highest node where no other key shares its hash prefix,
 * and no node below the root holds a single entry. So the shape of a trie depends only on its keys, never on the
 * order of the updates that built it, which is what lets {@link TrieJoin} and {@code equals} compare two tries node
 * by node.
 */
abstract sealed class TrieNode permits TrieNode.Bitmap, TrieNode.Collision {

  /** Hash bits consumed per level. */
  static final int BITS = 5;

  /** Below this shift no hash bit is left: keys there have equal hashes. */
  static final int HASH_BITS = 32;

  /** The deepest a path can go: 7 levels of bitmap nodes, then a collision node. */
  static final int MAX_DEPTH = HASH_BITS / BITS + 2;

  static final Bitmap EMPTY = new Bitmap(0, 0, new Object[0], 0);

  /** The hash a key is filed under: its hashCode with the high bits folded in, since the trie reads low bits first. */
  static int hash(Object key) {
    int h = key.hashCode();
    return h ^ (h >>> 16);
  }

  /** The number of entries under this node. */
  abstract int size();

  /** The node's own entries, as key, value, key, value... (from index 0, {@link #dataCount()} of them). */
  abstract Object[] content();

  abstract int dataCount();

  abstract int childCount();

  abstract TrieNode child(int index);

  /**
   * This node with the value of {@code key} replaced by {@code remap} of it (of null if absent; a null result
   * removes the key), in one descent; {@code this} if {@code remap} returns what was there (the same instance).
   * Puts and removes are remaps too, so there is one path-copying routine to trust.
   */
  abstract TrieNode update(Object key, int hash, int shift, UnaryOperator<@Nullable Object> remap);

  /** The one entry's key, for a node of size 1 (which the parent inlines). */
  Object singleKey() {
    return content()[0];
  }

  Object singleValue() {
    return content()[1];
  }

  /** A node at {@code shift} holding one entry (transient: only joins use it, and normalise it away). */
  static TrieNode single(Object key, Object value, int hash, int shift) {
    if (shift >= HASH_BITS) {
      return new Collision(hash, new Object[] {key, value});
    }
    return new Bitmap(bit(hash, shift), 0, new Object[] {key, value}, 1);
  }

  /** A node at {@code shift} holding two entries with different keys. */
  static TrieNode pair(Object key1, Object value1, int hash1, Object key2, Object value2, int hash2, int shift) {
    if (shift >= HASH_BITS) {
      return new Collision(hash1, new Object[] {key1, value1, key2, value2});
    }
    int bit1 = bit(hash1, shift);
    int bit2 = bit(hash2, shift);
    if (bit1 == bit2) {
      return new Bitmap(0, bit1, new Object[] {pair(key1, value1, hash1, key2, value2, hash2, shift + BITS)}, 2);
    }
    Object[] content = Integer.compareUnsigned(bit1, bit2) < 0
        ? new Object[] {key1, value1, key2, value2}
        : new Object[] {key2, value2, key1, value1};
    return new Bitmap(bit1 | bit2, 0, content, 2);
  }

  static int bit(int hash, int shift) {
    return 1 << ((hash >>> shift) & 31);
  }

  static boolean sameKey(Object stored, Object key) {
    return stored == key || stored.equals(key);
  }

  /**
   * An inner node: a bitmap of the hash chunks held as entries ({@code dataMap}) and as children ({@code nodeMap});
   * {@code content} holds the entries (key, value pairs in chunk order), then the children (in chunk order).
   */
  static final class Bitmap extends TrieNode {
    final int dataMap;
    final int nodeMap;
    final Object[] content;
    private final int size;

    Bitmap(int dataMap, int nodeMap, Object[] content, int size) {
      this.dataMap = dataMap;
      this.nodeMap = nodeMap;
      this.content = content;
      this.size = size;
    }

    @Override
    int size() {
      return size;
    }

    @Override
    Object[] content() {
      return content;
    }

    @Override
    int dataCount() {
      return Integer.bitCount(dataMap);
    }

    @Override
    int childCount() {
      return Integer.bitCount(nodeMap);
    }

    @Override
    TrieNode child(int index) {
      return (TrieNode) content[2 * dataCount() + index];
    }

    /** The index in {@code content} of the key of the entry at {@code bit}. */
    int dataIndex(int bit) {
      return 2 * Integer.bitCount(dataMap & (bit - 1));
    }

    int nodeIndex(int bit) {
      return 2 * Integer.bitCount(dataMap) + Integer.bitCount(nodeMap & (bit - 1));
    }

    TrieNode nodeAt(int bit) {
      return (TrieNode) content[nodeIndex(bit)];
    }

    @Override
    TrieNode update(Object key, int hash, int shift, UnaryOperator<@Nullable Object> remap) {
      int bit = bit(hash, shift);
      if ((dataMap & bit) != 0) {
        int index = dataIndex(bit);
        Object stored = content[index];
        if (sameKey(stored, key)) {
          Object current = content[index + 1];
          Object value = remap.apply(current);
          if (value == current) {
            return this;
          }
          if (value == null) {
            return withoutEntry(bit, index);
          }
          Object[] copy = content.clone();
          copy[index + 1] = value;
          return new Bitmap(dataMap, nodeMap, copy, size);
        }
        Object value = remap.apply(null);
        if (value == null) {
          return this;
        }
        TrieNode pushedDown = pair(stored, content[index + 1], hash(stored), key, value, hash, shift + BITS);
        return withEntryMovedDown(bit, index, pushedDown);
      }
      if ((nodeMap & bit) != 0) {
        int index = nodeIndex(bit);
        TrieNode child = (TrieNode) content[index];
        TrieNode updated = child.update(key, hash, shift + BITS, remap);
        if (updated == child) {
          return this;
        }
        if (updated.size() == 1) {
          return withChildInlined(bit, index, updated.singleKey(), updated.singleValue());
        }
        Object[] copy = content.clone();
        copy[index] = updated;
        return new Bitmap(dataMap, nodeMap, copy, size - child.size() + updated.size());
      }
      Object value = remap.apply(null);
      if (value == null) {
        return this;
      }
      int index = dataIndex(bit);
      Object[] copy = new Object[content.length + 2];
      System.arraycopy(content, 0, copy, 0, index);
      copy[index] = key;
      copy[index + 1] = value;
      System.arraycopy(content, index, copy, index + 2, content.length - index);
      return new Bitmap(dataMap | bit, nodeMap, copy, size + 1);
    }

    private Bitmap withoutEntry(int bit, int index) {
      Object[] copy = new Object[content.length - 2];
      System.arraycopy(content, 0, copy, 0, index);
      System.arraycopy(content, index + 2, copy, index, content.length - index - 2);
      return new Bitmap(dataMap ^ bit, nodeMap, copy, size - 1);
    }

    /** The entry at {@code bit} (key at {@code index}) replaced by {@code child}, which holds it and one more. */
    private Bitmap withEntryMovedDown(int bit, int index, TrieNode child) {
      int dataEnd = 2 * dataCount();
      int childrenBefore = Integer.bitCount(nodeMap & (bit - 1));
      Object[] copy = new Object[content.length - 1];
      System.arraycopy(content, 0, copy, 0, index);
      System.arraycopy(content, index + 2, copy, index, dataEnd - index - 2);
      System.arraycopy(content, dataEnd, copy, dataEnd - 2, childrenBefore);
      copy[dataEnd - 2 + childrenBefore] = child;
      System.arraycopy(content, dataEnd + childrenBefore, copy, dataEnd - 1 + childrenBefore,
          content.length - dataEnd - childrenBefore);
      return new Bitmap(dataMap ^ bit, nodeMap | bit, copy, size + 1);
    }

    /** The child at {@code bit} (at {@code childIndex}), now down to one entry, replaced by that entry (canonical). */
    private Bitmap withChildInlined(int bit, int childIndex, Object key, Object value) {
      int dataEnd = 2 * dataCount();
      int index = dataIndex(bit);
      Object[] copy = new Object[content.length + 1];
      System.arraycopy(content, 0, copy, 0, index);
      copy[index] = key;
      copy[index + 1] = value;
      System.arraycopy(content, index, copy, index + 2, dataEnd - index);
      System.arraycopy(content, dataEnd, copy, dataEnd + 2, childIndex - dataEnd);
      System.arraycopy(content, childIndex + 1, copy, childIndex + 2, content.length - childIndex - 1);
      return new Bitmap(dataMap | bit, nodeMap ^ bit, copy, size - 1);
    }
  }

  /** Entries whose keys have the same 32-bit hash, in no particular order; only below the last bitmap level. */
  static final class Collision extends TrieNode {
    final int hash;
    final Object[] content;

    Collision(int hash, Object[] content) {
      this.hash = hash;
      this.content = content;
    }

    @Override
    int size() {
      return content.length / 2;
    }

    @Override
    Object[] content() {
      return content;
    }

    @Override
    int dataCount() {
      return content.length / 2;
    }

    @Override
    int childCount() {
      return 0;
    }

    @Override
    TrieNode child(int index) {
      throw new IndexOutOfBoundsException(index);
    }

    int indexOf(Object key) {
      for (int index = 0; index < content.length; index += 2) {
        if (sameKey(content[index], key)) {
          return index;
        }
      }
      return -1;
    }

    /** The value of {@code key}, or null. */
    @Nullable Object find(Object key) {
      int index = indexOf(key);
      return index < 0 ? null : content[index + 1];
    }

    @Override
    TrieNode update(Object key, int hash, int shift, UnaryOperator<@Nullable Object> remap) {
      int index = indexOf(key);
      Object current = index < 0 ? null : content[index + 1];
      Object value = remap.apply(current);
      if (value == current) {
        return this;
      }
      if (index < 0) {
        Object[] copy = Arrays.copyOf(content, content.length + 2);
        copy[content.length] = key;
        copy[content.length + 1] = value;
        return new Collision(this.hash, copy);
      }
      if (value != null) {
        Object[] copy = content.clone();
        copy[index + 1] = value;
        return new Collision(this.hash, copy);
      }
      Object[] copy = new Object[content.length - 2];
      System.arraycopy(content, 0, copy, 0, index);
      System.arraycopy(content, index + 2, copy, index, content.length - index - 2);
      return new Collision(this.hash, copy);
    }
  }
}
