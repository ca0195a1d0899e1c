package io.crdtkit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a join does with two different writes that claim one identity (one dot, or one timestamp). An honest cluster
 * never makes them: a dot names one write, and a hybrid logical clock never issues a timestamp twice. They come
 * from a replica id reused without its state, or from forged input. A join must still be total (a state that
 * decodes merges with any state), so it keeps one of them, chosen the same way on every replica: nested CRDT values
 * are joined; other values by their hash, then their text. The rest of the state still converges.
 *
 * <p>What one state can show by itself is refused when it is rebuilt (decoded): two updates of one OR-map key that
 * hold different writes under one timestamp ({@link #between}). Two states that each look valid alone, but reuse
 * one dot or timestamp for different writes, cannot be told apart from valid ones until they meet.
 */
final class Conflicts {

  private Conflicts() {}

  /** The value a join keeps when {@code mine} and {@code theirs} (different) claim one identity. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <V> V resolve(V mine, V theirs) {
    if (mine instanceof Crdt crdt && theirs != null && mine.getClass() == theirs.getClass()) {
      return (V) crdt.merge((Crdt) theirs);
    }
    return prefersTheirs(mine, theirs) ? theirs : mine;
  }

  /**
   * A description of two different writes under one timestamp that {@code one} and {@code other} hold (registers,
   * or maps of them, keyed alike), or {@code null} if they hold none.
   */
  static @Nullable String between(Object one, Object other) {
    if (one instanceof LWWRegister<?> first && other instanceof LWWRegister<?> second) {
      boolean conflict = first.timestamp().isDefined() && first.timestamp().equals(second.timestamp())
          && !Objects.equals(first.value(), second.value());
      return conflict ? "conflicting writes with one timestamp " + first.timestamp().get() + ": " + first.value()
          .getOrNull() + " vs " + second.value().getOrNull() : null;
    }
    if (one instanceof LWWMap<?, ?> first && other instanceof LWWMap<?, ?> second) {
      for (var entry : first.registers()) {
        Object theirs = ((LWWMap<Object, ?>) second).registers().get(entry._1).getOrNull();
        String conflict = theirs == null ? null : between(entry._2, theirs);
        if (conflict != null) {
          return conflict + " (key " + entry._1 + ")";
        }
      }
    }
    return null;
  }

  /** Whether a join keeps {@code theirs} over {@code mine}: the greater hash, then the greater text. */
  static boolean prefersTheirs(Object mine, Object theirs) {
    int byHash = Integer.compare(Objects.hashCode(theirs), Objects.hashCode(mine));
    return byHash != 0 ? byHash > 0 : String.valueOf(theirs).compareTo(String.valueOf(mine)) > 0;
  }
}
