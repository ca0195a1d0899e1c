package io.crdtkit;

import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.vavr.Tuple2;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An add-wins observed-remove set (the optimized OR-Set of Bieniusa et al. 2012, in the delta form of Almeida,
 * Shoker and Baquero 2018, §7.1).
 *
 * <p><b>Concurrency.</b> A remove removes only the adds it has <em>observed</em>; an add that the remover had
 * not seen survives, so a concurrent add and remove of the same element end with the element present:
 *
 * <pre>{@code
 * ORSet<String> base = ORSet.<String>empty().add(A, "milk");
 * ORSet<String> onA  = base.remove(A, "milk");           // A removes the milk it saw
 * ORSet<String> onB  = base.add(B, "milk");              // B concurrently adds milk again
 * onA.merge(onB).contains("milk") == true                // add wins
 * onA.merge(base).contains("milk") == false              // but the observed add stays removed
 * }</pre>
 *
 * <p><b>Metadata.</b> Each present element carries the dots of the adds that are concurrent with each other
 * (usually one); a remove leaves no tombstone, only its dot in the causal context, which is compact (one counter
 * per replica) as long as updates arrive in order. Removed elements cost nothing.
 *
 * @param <E> the element type; elements must be immutable and have value-based equals and hashCode
 */
@API(status = STABLE, since = "0.1")
public final class ORSet<E> implements CausalCrdt<ORSet<E>>, Retirable<ORSet<E>> {

  private static final ORSet<?> EMPTY = new ORSet<>(CausalState.empty(emptyStore()));

  private final CausalState<DotMap<E, DotSet>> state;

  private ORSet(CausalState<DotMap<E, DotSet>> state) {
    this.state = state;
  }

  /** The empty set. */
  @SuppressWarnings("unchecked")
  public static <E> ORSet<E> empty() {
    return (ORSet<E>) EMPTY;
  }

  /**
   * The set holding exactly these elements, each with the dots of its concurrent adds, having seen
   * {@code context}: for decoders and snapshots. {@code ORSet.of(s.entries(), s.context())} equals {@code s}.
   *
   * @throws IllegalArgumentException if an element has no dot, a dot is beyond {@code context}, or two elements
   *     hold the same dot
   */
  public static <E> ORSet<E> of(Map<E, ? extends Iterable<Dot>> entries, CausalContext context) {
    DotClaims claims = new DotClaims("ORSet", context);
    DotMap<E, DotSet> store = emptyStore();
    for (Tuple2<E, ? extends Iterable<Dot>> entry : entries) {
      E element = Objects.requireNonNull(entry._1, "ORSet element");
      store = store.with(element, new DotSet(TreeSet.ofAll(claims.claim("element " + element, entry._2, true))));
    }
    return new ORSet<>(new CausalState<>(store, context));
  }

  /** {@code element} added by {@code replica}, with a new dot; it wins over every remove that has not seen it. */
  public ORSet<E> add(ReplicaId replica, E element) {
    Objects.requireNonNull(element, "ORSet element");
    Dot dot = state.context().nextDot(Objects.requireNonNull(replica, "replica"));
    // The new dot replaces the element's other dots: this add has observed them.
    return wrap(state.withMinted(state.store().with(element, DotSet.of(dot)), dot));
  }

  /** The delta of {@link #add}: the new dot for {@code element}, and the dots it replaces as observed. */
  public ORSet<E> deltaAdd(ReplicaId replica, E element) {
    Objects.requireNonNull(element, "ORSet element");
    Dot dot = state.context().nextDot(Objects.requireNonNull(replica, "replica"));
    DotMap<E, DotSet> added = ORSet.<E>emptyStore().with(element, DotSet.of(dot));
    return wrap(CausalState.delta(added, state.store().get(element).dots(), dot));
  }

  /**
   * This set without {@code element}, removed by {@code replica}: removes the adds of it seen so far, and records
   * the remove as an event (a dot in the context). {@code this} if it is absent.
   */
  public ORSet<E> remove(ReplicaId replica, E element) {
    Objects.requireNonNull(element, "ORSet element");
    if (!contains(element)) {
      return this;
    }
    return wrap(state.withMinted(state.store().with(element, DotSet.EMPTY), nextDot(replica)));
  }

  /** The delta of {@link #remove}: no element; the observed dots of {@code element} and the remove's dot. */
  public ORSet<E> deltaRemove(ReplicaId replica, E element) {
    Objects.requireNonNull(element, "ORSet element");
    if (!contains(element)) {
      return bottom();
    }
    return wrap(CausalState.removal(emptyStore(), state.store().get(element).dots(), nextDot(replica)));
  }

  /** The empty set that has observed (and so removes) every element seen so far; {@code this} if empty. */
  public ORSet<E> clear(ReplicaId replica) {
    return isEmpty() ? this : wrap(state.withMinted(emptyStore(), nextDot(replica)));
  }

  /** The delta of {@link #clear}. */
  public ORSet<E> deltaClear(ReplicaId replica) {
    return isEmpty() ? bottom() : wrap(CausalState.removal(emptyStore(), state.store().dots(), nextDot(replica)));
  }

  private Dot nextDot(ReplicaId replica) {
    return state.context().nextDot(Objects.requireNonNull(replica, "replica"));
  }

  /** Whether {@code element} is present. */
  public boolean contains(E element) {
    return state.store().entries().containsKey(element);
  }

  /** The present elements. */
  public Set<E> value() {
    return state.store().entries().keySet();
  }

  /** The number of present elements. */
  public int size() {
    return state.store().entries().size();
  }

  /** Whether no element is present. */
  public boolean isEmpty() {
    return state.store().isEmpty();
  }

  /** Each present element with the dots that keep it present: the state, with {@link #context()}. */
  public Map<E, SortedSet<Dot>> entries() {
    return state.store().entries().mapValues(DotSet::dots);
  }

  /** The dots that keep {@code element} present (empty if absent): one per concurrent add. */
  public SortedSet<Dot> dots(E element) {
    return state.store().get(element).dots();
  }

  /** Every dot this set has seen, removed ones included. */
  @Override
  public CausalContext context() {
    return state.context();
  }

  @Override
  public ORSet<E> renameReplica(ReplicaId from, ReplicaId to, long offset) {
    return wrap(state.rename(from, to, offset));
  }

  @Override
  public ORSet<E> retire(ReplicaId retired, ReplicaId heir) {
    return wrap(state.retire(retired, heir));
  }

  @Override
  public ORSet<E> withContext(CausalContext seen) {
    return wrap(state.withContext(seen));
  }

  @Override
  public ORSet<E> merge(ORSet<E> other) {
    CausalState<DotMap<E, DotSet>> joined = state.join(other.state);
    return joined == state ? this : new ORSet<>(joined);
  }

  @Override
  public boolean isLessOrEqual(ORSet<E> other) {
    return state.isLessOrEqual(other.state);
  }

  @Override
  public ORSet<E> bottom() {
    return empty();
  }

  private static <E> DotMap<E, DotSet> emptyStore() {
    return DotMap.empty(DotSet.EMPTY);
  }

  private ORSet<E> wrap(CausalState<DotMap<E, DotSet>> next) {
    return next == state ? this : new ORSet<>(next);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ORSet<?> other && state.equals(other.state);
  }

  @Override
  public int hashCode() {
    return state.hashCode();
  }

  /** {@code ORSet{milk=[a:1], eggs=[b:2] | seen {a:1, b:2}}}. */
  @Override
  public String toString() {
    return "ORSet" + state.store() + " | seen " + state.context();
  }
}
