package io.crdtkit;

import io.crdtkit.TrieNode.Bitmap;
import io.crdtkit.TrieNode.Collision;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A persistent hash map (a CHAMP trie, see {@link TrieNode}) that can be <em>joined</em> with another in lockstep
 * ({@link #join}): the payload map of the causal CRDTs. Vavr's {@code HashMap} does the same lookups and updates,
 * but a merge through its API must look up every key of one side in the other; here a merge skips every node the
 * two sides share, so merging replicas that differ in a few keys costs about those keys, not the map's size.
 *
 * <p>Immutable; an update that changes nothing returns {@code this}. Keys need value-based equals and hashCode;
 * neither keys nor values may be null. Iteration order is the trie's (by hash), not insertion order.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class HashTrie<K, V> implements Iterable<Tuple2<K, V>> {

  private static final HashTrie<?, ?> EMPTY = new HashTrie<>(TrieNode.EMPTY);

  private final TrieNode root;

  private HashTrie(TrieNode root) {
    this.root = root;
  }

  @SuppressWarnings("unchecked")
  static <K, V> HashTrie<K, V> empty() {
    return (HashTrie<K, V>) EMPTY;
  }

  int size() {
    return root.size();
  }

  boolean isEmpty() {
    return root.size() == 0;
  }

  /** The value of {@code key}, or null. */
  @SuppressWarnings("unchecked")
  @Nullable V get(Object key) {
    if (root.size() == 0) {
      return null;
    }
    int hash = TrieNode.hash(key);
    TrieNode node = root;
    // A loop, not a recursion: lookups are the hot path of every update.
    for (int shift = 0; node instanceof Bitmap bitmap; shift += TrieNode.BITS) {
      int bit = TrieNode.bit(hash, shift);
      if ((bitmap.dataMap & bit) != 0) {
        int index = bitmap.dataIndex(bit);
        return TrieNode.sameKey(bitmap.content[index], key) ? (V) bitmap.content[index + 1] : null;
      }
      if ((bitmap.nodeMap & bit) == 0) {
        return null;
      }
      node = bitmap.nodeAt(bit);
    }
    return (V) ((Collision) node).find(key);
  }

  V getOrElse(K key, V fallback) {
    V value = get(key);
    return value == null ? fallback : value;
  }

  boolean containsKey(K key) {
    return get(key) != null;
  }

  /** This map with {@code key} mapped to {@code value}; {@code this} if it already was (the same instance). */
  HashTrie<K, V> put(K key, V value) {
    Objects.requireNonNull(value, "value");
    return compute(key, current -> value);
  }

  HashTrie<K, V> remove(K key) {
    return compute(key, current -> null);
  }

  /**
   * This map with the value of {@code key} replaced by {@code remap} of it (given null if absent; returning null
   * removes the key), in one descent of the trie; {@code this} if {@code remap} returns the current value itself.
   */
  @SuppressWarnings("unchecked")
  HashTrie<K, V> compute(K key, UnaryOperator<@Nullable V> remap) {
    Objects.requireNonNull(key, "key");
    // The nodes hold values as Objects; remap only ever sees this map's values, which are Vs.
    return wrap(root.update(key, TrieNode.hash(key), 0, (UnaryOperator<@Nullable Object>) (UnaryOperator<?>) remap));
  }

  /**
   * The join of this map (mine) with {@code theirs}: each key's value as {@code joiner} decides (null drops the
   * key). Costs the nodes where the two differ, as far as {@link Joiner#keepsEqual()} and
   * {@link Joiner#keepsOnlyMine()} allow; {@code this} if the result equals this map.
   */
  HashTrie<K, V> join(HashTrie<K, V> theirs, Joiner<K, V> joiner) {
    TrieNode joined = new TrieJoin<>(joiner).join(root, theirs.root, 0);
    return joined == theirs.root ? theirs : wrap(joined);
  }

  /** Each value replaced by {@code update(key, value)} (null drops the key); {@code this} if none changes. */
  HashTrie<K, V> update(BiFunction<? super K, ? super V, ? extends @Nullable V> update) {
    HashTrie<K, V> updated = this;
    for (Tuple2<K, V> entry : this) {
      V value = update.apply(entry._1, entry._2);
      if (value != entry._2) {
        updated = value == null ? updated.remove(entry._1) : updated.put(entry._1, value);
      }
    }
    return updated;
  }

  @Override
  public Iterator<Tuple2<K, V>> iterator() {
    return new Walk<Tuple2<K, V>>(root) {
      @Override
      @SuppressWarnings("unchecked")
      Tuple2<K, V> at(Object[] content, int index) {
        return Tuple.of((K) content[index], (V) content[index + 1]);
      }
    };
  }

  Iterator<K> keys() {
    return new Walk<K>(root) {
      @Override
      @SuppressWarnings("unchecked")
      K at(Object[] content, int index) {
        return (K) content[index];
      }
    };
  }

  Iterator<V> values() {
    return new Walk<V>(root) {
      @Override
      @SuppressWarnings("unchecked")
      V at(Object[] content, int index) {
        return (V) content[index + 1];
      }
    };
  }

  private HashTrie<K, V> wrap(TrieNode newRoot) {
    if (newRoot == root) {
      return this;
    }
    return newRoot.size() == 0 ? empty() : new HashTrie<>(newRoot);
  }

  /** Equal keys with equal values. Canonical shapes make this a walk of both tries in lockstep. */
  @Override
  public boolean equals(Object o) {
    return o instanceof HashTrie<?, ?> other && equalNodes(root, other.root);
  }

  private static boolean equalNodes(TrieNode a, TrieNode b) {
    if (a == b) {
      return true;
    }
    if (a.size() != b.size()) {
      return false;
    }
    if (a instanceof Bitmap x && b instanceof Bitmap y) {
      if (x.dataMap != y.dataMap || x.nodeMap != y.nodeMap) {
        return false;
      }
      int dataEnd = 2 * x.dataCount();
      for (int i = 0; i < dataEnd; i++) {
        if (!x.content[i].equals(y.content[i])) {
          return false;
        }
      }
      for (int i = dataEnd; i < x.content.length; i++) {
        if (!equalNodes((TrieNode) x.content[i], (TrieNode) y.content[i])) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Bitmap || b instanceof Bitmap) {
      return false;
    }
    // Collision lists, in any order, of equal sizes.
    Object[] x = a.content();
    Object[] y = b.content();
    for (int i = 0; i < x.length; i += 2) {
      Object value = ((Collision) b).find(x[i]);
      if (value == null || !value.equals(x[i + 1])) {
        return false;
      }
    }
    return y.length == x.length;
  }

  /** As {@link java.util.Map#hashCode()}: the sum over entries of the key's hash xor the value's. */
  @Override
  public int hashCode() {
    int hash = 0;
    for (Tuple2<K, V> entry : this) {
      hash += entry._1.hashCode() ^ entry._2.hashCode();
    }
    return hash;
  }

  @Override
  public String toString() {
    return iterator().map(entry -> entry._1 + "=" + entry._2).mkString("{", ", ", "}");
  }

  /**
   * How a {@link #join} combines values: a key on both sides, on one side only, and when values need no call.
   * Each method returns the joined value, the given value (the same instance) when unchanged, or null to drop
   * the key.
   */
  interface Joiner<K, V> {

    @Nullable V both(K key, V mine, V theirs);

    @Nullable V onlyMine(K key, V mine);

    @Nullable V onlyTheirs(K key, V theirs);

    /** Whether {@code both(key, v, v)} is {@code v} for every value: then shared nodes need no visit. */
    boolean keepsEqual();

    /** Whether {@code onlyMine(key, v)} is {@code v} for every entry: then this side's own subtrees need no visit. */
    boolean keepsOnlyMine();
  }

  /** A depth-first walk over the entries, with an explicit stack of nodes (no recursion, no per-node iterator). */
  private abstract static class Walk<T> implements Iterator<T> {
    private final TrieNode[] nodes = new TrieNode[TrieNode.MAX_DEPTH + 1];
    private final int[] nextChild = new int[TrieNode.MAX_DEPTH + 1];
    private int depth = -1;
    private Object[] content;
    private int index;
    private int end;

    Walk(TrieNode root) {
      enter(root);
    }

    abstract T at(Object[] content, int index);

    private void enter(TrieNode node) {
      depth++;
      nodes[depth] = node;
      nextChild[depth] = 0;
      content = node.content();
      index = 0;
      end = 2 * node.dataCount();
    }

    @Override
    public boolean hasNext() {
      while (index >= end) {
        if (depth < 0) {
          return false;
        }
        TrieNode node = nodes[depth];
        if (nextChild[depth] < node.childCount()) {
          enter(node.child(nextChild[depth]++));
        } else {
          nodes[depth--] = null;
          index = 0;
          end = 0;
        }
      }
      return true;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      T next = at(content, index);
      index += 2;
      return next;
    }
  }
}
