package io.crdtkit;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.vavr.Tuple2;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Presence} whose add dots each carry a value, and whose collapsed presence carries the fold of the values
 * it stands for: the payload of an OR-map key (each update's delta under its dot; folded by merging them) and of a
 * multi-value register (each kept write's value; folded into the set of values). The dots, the collapse, the tokens
 * and the floors are exactly a {@code Presence}'s (crdt-gc's GC.md, rules 6 and 7); this class only carries the
 * values along: a value goes where its dot goes, and the values of dots that collapse fold into the collapsed value.
 *
 * <p>Folding values is what makes collapsing value-preserving: the value of the key (register) is the fold of the
 * collapsed value and the live values, and folding is a join, so it does not matter which of them were folded
 * first. A collapsed value survives a join exactly when the collapsed presence does.
 *
 * @param <V> the value under each dot
 * @param <C> the fold of values: the key's value (an OR-map), the set of kept values (a register)
 */
final class ValuedPresence<V, C> implements DotStore<ValuedPresence<V, C>> {

  /** How values fold together, and how a value's own dots are renamed (an OR-map's nested causal values). */
  interface Folding<V, C> {
    C fold(@Nullable C into, V value);

    C join(C one, C other);

    V rename(V value, ReplicaId from, ReplicaId to, long offset);

    C renameFolded(C folded, ReplicaId from, ReplicaId to, long offset);
  }

  private final Folding<V, C> folding;
  private final Presence presence;
  private final SortedMap<Dot, V> values;
  private final @Nullable C collapsedValue;
  // The fold of the collapsed value and every live value: the key's (register's) value, kept so reads do not fold.
  private final @Nullable C value;

  private ValuedPresence(Folding<V, C> folding, Presence presence, SortedMap<Dot, V> values,
      @Nullable C collapsedValue) {
    this.folding = folding;
    this.presence = presence;
    this.values = values;
    this.collapsedValue = presence.isCollapsed() ? Objects.requireNonNull(collapsedValue, "collapsed value") : null;
    C folded = this.collapsedValue;
    for (V live : values.values()) {
      folded = folding.fold(folded, live);
    }
    this.value = folded;
  }

  static <V, C> ValuedPresence<V, C> empty(Folding<V, C> folding) {
    return new ValuedPresence<>(folding, Presence.EMPTY, TreeMap.empty(), null);
  }

  /**
   * Rebuilt from its parts (decoders): {@code values} under their dots, the collapsed value ({@code null}: none),
   * and the presence's tokens and floor. A collapsed value under a pending token is dropped, as a join would.
   */
  static <V, C> ValuedPresence<V, C> of(Folding<V, C> folding, SortedMap<Dot, V> values, @Nullable C collapsedValue,
      DotSet tokens, io.crdtkit.clock.VectorClock floor) {
    Presence presence = Presence.of(collapsedValue != null, new DotSet(values.keySet()), tokens, floor);
    return new ValuedPresence<>(folding, presence, values, presence.isCollapsed() ? collapsedValue : null);
  }

  /** One value under a new dot, nothing else: an update's or a write's delta before its tokens and floor. */
  static <V, C> ValuedPresence<V, C> single(Folding<V, C> folding, Dot dot, V value, DotSet tokens,
      io.crdtkit.clock.VectorClock floor) {
    return new ValuedPresence<>(folding, Presence.of(false, DotSet.of(dot), tokens, floor), TreeMap.of(dot, value),
        null);
  }

  Presence presence() {
    return presence;
  }

  boolean isPresent() {
    return presence.isPresent();
  }

  /** The fold of every value it keeps, collapsed or live; {@code null} if absent. */
  @Nullable C value() {
    return value;
  }

  /** The live values under their dots. */
  SortedMap<Dot, V> values() {
    return values;
  }

  /** The fold of the values every replica knows to be stable; {@code null} if none. */
  @Nullable C collapsedValue() {
    return collapsedValue;
  }

  /** The live dots whose values {@code value} includes: an update carrying it makes them redundant. */
  Iterable<Dot> subsumedBy(java.util.function.Predicate<V> includedByNew) {
    return values.filter(entry -> includedByNew.test(entry._2)).keySet();
  }

  /** After an OR-map update: the {@code subsumed} values go, {@code value} comes under {@code dot}, the rest stays. */
  ValuedPresence<V, C> withUpdate(Iterable<Dot> subsumed, Dot dot, V value) {
    Presence updated = presence.withUpdate(subsumed, dot);
    return new ValuedPresence<>(folding, updated, values.removeAll(subsumed).put(dot, value), collapsedValue);
  }

  /**
   * After a register's write that minted {@code dot}: {@code value} is the only value (the write replaces every value
   * it observed, a collapsed one included), and {@code token}, unless {@code null}, is a new token.
   */
  ValuedPresence<V, C> withOnly(Dot dot, V value, @Nullable Dot token) {
    Presence emptied = token == null ? presence : presence.removed(token, true);
    return new ValuedPresence<>(folding, emptied.withAdd(dot), TreeMap.of(dot, value), null);
  }

  /** After a remove that minted {@code dot}: nothing present, and a token if {@code withToken}. */
  ValuedPresence<V, C> removed(Dot dot, boolean withToken) {
    return new ValuedPresence<>(folding, presence.removed(dot, withToken), TreeMap.empty(), null);
  }

  /** A remove's delta entry: a token if needed, and the floor (see {@link Presence#removalDelta}). */
  ValuedPresence<V, C> removalDelta(Dot dot, Cuts cuts, io.crdtkit.clock.VectorClock seen) {
    return new ValuedPresence<>(folding, presence.removalDelta(dot, cuts, seen), TreeMap.empty(), null);
  }

  @Override
  public ValuedPresence<V, C> join(ValuedPresence<V, C> other, JoinSides sides) {
    if (other == this) {
      return this;
    }
    Presence joined = presence.joinUncollapsed(other.presence, sides, true);
    SortedMap<Dot, V> joinedValues = TreeMap.empty();
    for (Dot dot : joined.adds().dots()) {
      V mine = values.getOrElse(dot, null);
      V theirs = other.values.getOrElse(dot, null);
      joinedValues = joinedValues.put(dot, mine == null ? theirs : theirs == null ? mine
          : Objects.equals(mine, theirs) ? mine : Conflicts.resolve(mine, theirs));
    }
    C joinedCollapsed = null;
    if (joined.isCollapsed()) {
      C mine = presence.collapsedSurvives(other.presence, sides, true) ? collapsedValue : null;
      C theirs = other.presence.collapsedSurvives(presence, sides.reversed(), true) ? other.collapsedValue : null;
      joinedCollapsed = mine == null ? theirs : theirs == null ? mine : folding.join(mine, theirs);
    }
    ValuedPresence<V, C> result = new ValuedPresence<>(folding, joined, joinedValues, joinedCollapsed)
        .collapse(sides.joinedCuts());
    return result.equals(this) ? this : result;
  }

  /** The presence collapsed at {@code cuts}; the values of the dots it folds go into the collapsed value. */
  @Override
  public ValuedPresence<V, C> collapse(Cuts cuts) {
    Presence collapsed = presence.collapse(cuts);
    if (collapsed == presence) {
      return this;
    }
    SortedMap<Dot, V> kept = values.filterKeys(collapsed.adds()::contains);
    C folded = null;
    if (collapsed.isCollapsed()) {
      folded = collapsedValue;
      for (Tuple2<Dot, V> gone : values.filterKeys(dot -> !collapsed.adds().contains(dot))) {
        folded = folding.fold(folded, gone._2);
      }
    }
    return new ValuedPresence<>(folding, collapsed, kept, folded);
  }

  @Override
  public ValuedPresence<V, C> renameDots(ReplicaId from, ReplicaId to, long offset) {
    SortedMap<Dot, V> renamed = TreeMap.empty();
    for (Tuple2<Dot, V> entry : values) {
      renamed = renamed.put(DotStore.renamed(entry._1, from, to, offset), folding.rename(entry._2, from, to, offset));
    }
    C renamedCollapsed = collapsedValue == null ? null : folding.renameFolded(collapsedValue, from, to, offset);
    ValuedPresence<V, C> result =
        new ValuedPresence<>(folding, presence.renameDots(from, to, offset), renamed, renamedCollapsed);
    return result.equals(this) ? this : result;
  }

  @Override
  public boolean isEmpty() {
    return presence.isEmpty();
  }

  /** The live dots: what a remove (a register's write) observes. */
  @Override
  public Iterable<Dot> dots() {
    return presence.dots();
  }

  @Override
  public Iterable<Dot> heldDots() {
    return presence.heldDots();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValuedPresence<?, ?> other && presence.equals(other.presence) && values.equals(other.values)
        && Objects.equals(collapsedValue, other.collapsedValue);
  }

  @Override
  public int hashCode() {
    return presence.hashCode() * 31 + values.hashCode();
  }

  @Override
  public String toString() {
    // the value, then where it comes from: the live values under their dots, the collapsed value, the tokens
    String text = value + " " + values.iterator().map(entry -> entry._1 + "=" + entry._2).mkString("{", ", ", "}");
    text = collapsedValue == null ? text : text + " stable " + collapsedValue;
    return presence.tokens().isEmpty() ? text : text + " tokens" + presence.tokens();
  }
}
