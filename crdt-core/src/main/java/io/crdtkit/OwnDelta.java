package io.crdtkit;

import org.jspecify.annotations.Nullable;

/**
 * What a delta mutator knows for free: the state it made the delta from, and that state with the update applied.
 * A delta carries it so that merging it back into that very state (as crdt-net does with every local update: the
 * delta first, then the delta merged into the state) is a lookup instead of a join, which would walk down to the
 * updated entry a second time and join contexts. Any other merge of the delta (into another replica, an equal but
 * different instance, a delta group) is an ordinary join; a join of deltas does not keep it.
 *
 * <p>The identity test is what makes the shortcut safe: {@code result} is exactly what joining the delta into
 * {@code origin} gives (the delta laws check both ways, {@code x.merge(d)} and {@code d.merge(x)}), and
 * {@code origin} is immutable. The delta holds both states while it lives, and they share all but the updated path
 * with each other, so a delta kept for long keeps that path of one older version alive, a few hundred bytes.
 *
 * @param <T> the state type
 */
record OwnDelta<T>(T origin, T result) {

  /**
   * {@code value} without what it remembers, if it is a delta that does: for a delta that is kept, as an
   * {@link ORMap} keeps its values' deltas, so that it does not keep the states it was made from alive.
   */
  @SuppressWarnings("unchecked")
  static <V> V forget(V value) {
    if (value instanceof CausalType<?, ?> causal) {
      return (V) causal.withoutOwnDelta();
    }
    if (value instanceof LWWMap<?, ?> map) {
      return (V) map.withoutOwnDelta();
    }
    if (value instanceof Sequence<?> sequence) {
      return (V) sequence.withoutOwnDelta();
    }
    if (value instanceof PNCounter counter) {
      return (V) counter.withoutOwnDelta();
    }
    return value;
  }

  /** {@code result} if {@code mark} is an own delta made from {@code into}, else null. */
  @SuppressWarnings("unchecked")
  static <T> @Nullable T resultOfMerging(@Nullable Object mark, T into) {
    return mark instanceof OwnDelta<?> own && own.origin == into ? (T) own.result : null;
  }
}
