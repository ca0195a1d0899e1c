package io.crdtkit;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import java.util.Objects;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A remove-wins set: a remove wins over every add it is concurrent with (the delta RWSet of Almeida, Shoker and
 * Baquero 2018). Use it where a concurrent "delete" must be honoured, e.g. a block list or revoked grants.
 *
 * <pre>{@code
 * RWSet<String> base = RWSet.<String>empty().add(A, "token");
 * RWSet<String> onA  = base.remove(A, "token");
 * RWSet<String> onB  = base.add(B, "token");            // concurrent with the remove
 * onA.merge(onB).contains("token") == false             // remove wins
 * onA.merge(onB).add(B, "token").contains("token")      // == true: an add that saw the remove wins
 * }</pre>
 *
 * <p><b>Metadata.</b> Each remove leaves a token (a dot) on its element until a later add observes it, because
 * an add concurrent with it could still arrive: these are tombstones. The garbage collector drops tokens that
 * are causally stable. Elements also carry one dot per concurrent add, plus the causal context.
 *
 * @param <E> the element type; elements must be immutable and have value-based equals and hashCode
 */
@API(status = STABLE, since = "0.1")
public final class RWSet<E> extends CausalType<RWSet<E>, CausalState<DotMap<E, AddRemoveDots>>> {

  private static final RWSet<?> EMPTY = new RWSet<>(CausalState.empty(emptyStore()));

  private RWSet(CausalState<DotMap<E, AddRemoveDots>> state) {
    super(state);
  }

  @Override
  RWSet<E> with(CausalState<DotMap<E, AddRemoveDots>> next) {
    return new RWSet<>(next);
  }

  /**
   * The empty set.
   *
   * @param <E> the element type
   * @return the set that has seen nothing
   */
  @SuppressWarnings("unchecked")
  public static <E> RWSet<E> empty() {
    return (RWSet<E>) EMPTY;
  }

  /**
   * The set holding these add dots and remove tokens per element, having seen {@code context}: a set never garbage
   * collected (tests build such states directly). An element may appear in either map or both.
   *
   * @throws IllegalArgumentException if a dot is beyond {@code context} or held twice, or an element is given
   *     with no dot at all
   */
  static <E> RWSet<E> of(
      Map<E, ? extends Iterable<Dot>> adds, Map<E, ? extends Iterable<Dot>> removes, CausalContext context) {
    return fromParts(new Parts<>(adds, removes, HashMap.empty(), context, GcMetadata.NONE));
  }

  /**
   * The parts of a set that a codec writes and reads back, and a snapshot keeps: what {@link #parts()} returns and
   * {@link #fromParts} takes. For crdt-jackson and crdt-gc, not for applications: the parts are the set's
   * metadata, and their shape may change with any release.
   *
   * @param adds    the dots of each element's adds that no later remove observed (present or not)
   * @param removes each element's remove tokens that no later add observed: the tombstones
   * @param floors  the floor of each element that has one: what a delta's entry observed beyond the dots it lists
   *                (crdt-gc's GC.md, rule 6)
   * @param context every dot the set has seen
   * @param gc      the rest of the garbage-collection metadata: cuts, delivered dots, whether it is a delta
   * @param <E>     the element type
   */
  @API(status = INTERNAL, since = "0.1")
  public record Parts<E>(Map<E, ? extends Iterable<Dot>> adds, Map<E, ? extends Iterable<Dot>> removes,
      Map<E, VectorClock> floors, CausalContext context, GcMetadata gc) {}

  /**
   * The set rebuilt from its parts, garbage-collection metadata included, after checking that they make a valid
   * state: for codecs and snapshots, not for applications. {@code RWSet.fromParts(s.parts())} equals {@code s}.
   *
   * @param parts what {@link #parts()} returned, or a decoder read
   * @param <E>   the element type
   * @return the set
   * @throws IllegalArgumentException if a dot is beyond the context or held twice, an element is given with no dot
   *     at all, the cuts are out of order (collapse cut &lt;= stable cut &lt;= context; none in a delta), or the
   *     delivered dots are beyond the context
   * @throws NullPointerException if a part, an element or a dot is null
   */
  @API(status = INTERNAL, since = "0.1")
  public static <E> RWSet<E> fromParts(Parts<E> parts) {
    CausalContext context = parts.context();
    Cuts cuts = GcParts.cuts("RWSet", context, parts.gc());
    DotClaims claims = new DotClaims("RWSet", context);
    DotMap<E, AddRemoveDots> store = emptyStore();
    for (E element : parts.adds().keySet().union(parts.removes().keySet()).union(parts.floors().keySet())) {
      Objects.requireNonNull(element, "RWSet element");
      DotSet added =
          new DotSet(TreeSet.ofAll(claims.claim("adds of " + element, dotsOf(parts.adds(), element), false)));
      DotSet removed =
          new DotSet(TreeSet.ofAll(claims.claim("removes of " + element, dotsOf(parts.removes(), element), false)));
      VectorClock floor = parts.floors().get(element).getOrElse(VectorClock.empty());
      if (added.isEmpty() && removed.isEmpty() && floor.isEmpty()) {
        throw new IllegalArgumentException("RWSet: element " + element + " has no dots; every entry needs one");
      }
      store = store.with(element, new AddRemoveDots(added, removed, floor));
    }
    return new RWSet<>(GcParts.state("RWSet", store, context, cuts, parts.gc()));
  }

  /**
   * This set's parts, for codecs and snapshots, not for applications (see {@link Parts}).
   *
   * @return the parts; {@link #fromParts} rebuilds an equal set from them
   */
  @API(status = INTERNAL, since = "0.1")
  public Parts<E> parts() {
    return new Parts<>(addDots(), removeDots(), floors(), state.context(), GcMetadata.of(state));
  }

  private static <E> Iterable<Dot> dotsOf(Map<E, ? extends Iterable<Dot>> dots, E element) {
    return dots.get(element).<Iterable<Dot>>map(held -> held).getOrElse(List.empty());
  }

  /**
   * {@code element} added by {@code replica}; it clears the removes it has seen, but loses to concurrent ones.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @param element the element; not null, immutable, with value-based equals and hashCode
   * @return the set with the add recorded (the element is present unless a concurrent remove arrives)
   */
  public RWSet<E> add(ReplicaId replica, E element) {
    return update(replica, element, AddRemoveDots::added);
  }

  /**
   * The delta of {@link #add}.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @param element the element; not null, immutable, with value-based equals and hashCode
   * @return the delta: the add's dot, and the dots of the element it observed
   */
  public RWSet<E> deltaAdd(ReplicaId replica, E element) {
    return delta(replica, element, AddRemoveDots::added);
  }

  /**
   * {@code element} removed by {@code replica}, with a token that wins over every add it has not seen. The token
   * is kept even if the element is absent here, because an add of it may be in flight.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @param element the element; not null, immutable, with value-based equals and hashCode
   * @return the set with the remove token recorded
   */
  public RWSet<E> remove(ReplicaId replica, E element) {
    return update(replica, element, AddRemoveDots::removed);
  }

  /**
   * The delta of {@link #remove}.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @param element the element; not null, immutable, with value-based equals and hashCode
   * @return the delta: the token, and the dots of the element it observed
   */
  public RWSet<E> deltaRemove(ReplicaId replica, E element) {
    return delta(replica, element, AddRemoveDots::removed);
  }

  /**
   * Whether {@code element} is present: added, and no remove concurrent with or after the adds.
   *
   * @param element any element
   * @return {@code true} if it is present
   */
  public boolean contains(E element) {
    return state.store().get(element).isPresent();
  }

  /**
   * The present elements.
   *
   * @return the present elements, as a Vavr set
   */
  public Set<E> value() {
    return state.store().keysWhere(AddRemoveDots::isPresent);
  }

  /**
   * The present elements as an unmodifiable {@code java.util.Set}, for Java code that does not use Vavr. It is a view
   * of {@link #value()}, not a copy of it: {@code size}, {@code contains} and iteration are answered by the Vavr value,
   * and mutators throw {@link UnsupportedOperationException}.
   *
   * @return a view of the value of this state (a later state is another object, and does not change it)
   */
  public java.util.Set<E> valueAsJava() {
    return JavaViews.set(value());
  }

  /** The dots of each element's adds that no later remove observed (present or not). */
  Map<E, SortedSet<Dot>> addDots() {
    return state.store().viewsWhere(dots -> !dots.adds().isEmpty(), dots -> dots.adds().dots());
  }

  /** Each element's remove tokens that no later add observed: the tombstones. */
  Map<E, SortedSet<Dot>> removeDots() {
    return state.store().viewsWhere(dots -> !dots.removes().isEmpty(), dots -> dots.removes().dots());
  }

  /** The elements kept absent by remove tokens. */
  @Override
  public int tombstones() {
    return state.store().count(dots -> !dots.removes().isEmpty());
  }

  /** The floor of each element that has one (crdt-gc's GC.md, rule 6). */
  Map<E, VectorClock> floors() {
    return state.store().viewsWhere(dots -> !dots.floor().isEmpty(), AddRemoveDots::floor);
  }

  /** The number of remove tokens held: the tombstones garbage collection can reclaim. */
  int removeTokens() {
    return state.store().iterator().map(entry -> entry._2.removes().size()).sum().intValue();
  }

  @Override
  public RWSet<E> bottom() {
    return empty();
  }

  private RWSet<E> update(ReplicaId replica, E element, Function<Dot, AddRemoveDots> token) {
    Objects.requireNonNull(element, "RWSet element");
    Dot dot = state.context().nextDot(Objects.requireNonNull(replica, "replica"));
    return wrap(state.withMinted(state.store().with(element, token.apply(dot)), dot));
  }

  private RWSet<E> delta(ReplicaId replica, E element, Function<Dot, AddRemoveDots> token) {
    Objects.requireNonNull(element, "RWSet element");
    Dot dot = state.context().nextDot(Objects.requireNonNull(replica, "replica"));
    // The delta observes the element's dots it lists, and (with GC) every dot of it this state has seen: this state
    // may have dropped some of them as stable tombstones (GC.md, rule 6).
    // One descent makes the set with the update (as update() does) and finds the dots it observes.
    AddRemoveDots written = token.apply(dot);
    AddRemoveDots[] observed = new AddRemoveDots[1];
    DotMap<E, AddRemoveDots> after = state.store().update(element, current -> {
      observed[0] = current;
      return written;
    });
    DotMap<E, AddRemoveDots> store = RWSet.<E>emptyStore().with(element, written.observing(state.deltaFloor()));
    return wrap(state.delta(store, observed[0].dots(), dot, state.withMinted(after, dot)));
  }

  private static <E> DotMap<E, AddRemoveDots> emptyStore() {
    return DotMap.empty(AddRemoveDots.EMPTY);
  }

  /** {@code RWSet[token] {token=adds[a:1] removes[] | seen {a:1}}}: the value, then the tokens per element. */
  @Override
  public String toString() {
    return "RWSet" + value().mkString("[", ", ", "]") + " " + state.store() + " | seen " + state.context();
  }
}
