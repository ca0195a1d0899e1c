package io.crdtkit;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.SortedSet;
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
public final class ORSet<E> extends CausalType<ORSet<E>, CausalState<DotMap<E, Presence>>> {

  private static final ORSet<?> EMPTY = new ORSet<>(CausalState.empty(emptyStore()));

  // Elements whose payload is not present (only remove tokens) are absent; see Presence.
  private ORSet(CausalState<DotMap<E, Presence>> state) {
    super(state);
  }

  @Override
  ORSet<E> with(CausalState<DotMap<E, Presence>> next) {
    return new ORSet<>(next);
  }

  /**
   * The empty set.
   *
   * @param <E> the element type
   * @return the set that has seen nothing
   */
  @SuppressWarnings("unchecked")
  public static <E> ORSet<E> empty() {
    return (ORSet<E>) EMPTY;
  }

  /**
   * The set holding exactly these elements, each with the dots of its concurrent adds, having seen
   * {@code context}: a set never garbage collected (tests build such states directly).
   *
   * @throws IllegalArgumentException if an element has no dot, a dot is beyond {@code context}, or two elements
   *     hold the same dot
   */
  static <E> ORSet<E> of(Map<E, ? extends Iterable<Dot>> entries, CausalContext context) {
    return fromParts(new Parts<>(entries, HashSet.empty(), HashMap.empty(), HashMap.empty(), context, GcMetadata.NONE,
        HashSet.empty()));
  }

  /**
   * The parts of a set that a codec writes and reads back, and a snapshot keeps: what {@link #parts()} returns and
   * {@link #fromParts} takes. For crdt-jackson and crdt-gc, not for applications: the parts are the set's
   * metadata, which an application never needs to read, and whose shape may change with any release.
   *
   * @param adds      each element with add dots, and those dots (one per concurrent add; in dot order from
   *                  {@code parts()})
   * @param collapsed the elements present by a collapsed presence: every replica knows their adds are stable, so
   *                  no dot is kept (crdt-gc's GC.md §2)
   * @param tokens    the remove tokens still held, by element (until they are stable)
   * @param floors    the floor of each element that has one: what a delta's entry observed beyond the dots it lists
   *                  (GC.md, rule 6)
   * @param context   every dot the set has seen
   * @param gc        the rest of the garbage-collection metadata: cuts, delivered dots, whether it is a delta
   * @param removed   the elements a remove's delta names: a receiver checks the dots the delta has seen against
   *                  what it holds for them, and so merges the delta without walking its whole set. Only a hint
   *                  (a wrong or missing name makes the merge walk the set), and no part of equality
   * @param <E>       the element type
   */
  @API(status = INTERNAL, since = "0.1")
  public record Parts<E>(Map<E, ? extends Iterable<Dot>> adds, Set<E> collapsed,
      Map<E, ? extends Iterable<Dot>> tokens, Map<E, VectorClock> floors, CausalContext context, GcMetadata gc,
      Set<E> removed) {}

  /**
   * The set rebuilt from its parts, garbage-collection metadata included, after checking that they make a valid
   * state: for codecs and snapshots, not for applications. {@code ORSet.fromParts(s.parts())} equals {@code s}.
   *
   * @param parts what {@link #parts()} returned, or a decoder read
   * @param <E>   the element type
   * @return the set
   * @throws IllegalArgumentException if a dot is beyond the context or held twice, an element listed with adds or
   *     tokens has none, the cuts are out of order (collapse cut &lt;= stable cut &lt;= context; none in a delta),
   *     elements are collapsed without a collapse cut, or the delivered dots are beyond the context
   * @throws NullPointerException if a part, an element or a dot is null
   */
  @API(status = INTERNAL, since = "0.1")
  public static <E> ORSet<E> fromParts(Parts<E> parts) {
    CausalContext context = parts.context();
    DotClaims claims = new DotClaims("ORSet", context);
    Cuts cuts = GcParts.cuts("ORSet", context, parts.gc());
    Map<E, ? extends Iterable<Dot>> entries = parts.adds();
    Map<E, ? extends Iterable<Dot>> tokens = parts.tokens();
    GcParts.requireCollapseCutFor("ORSet", !parts.collapsed().isEmpty(), cuts);
    DotMap<E, Presence> store = emptyStore();
    for (E element : entries.keySet().union(parts.collapsed()).union(tokens.keySet()).union(parts.floors().keySet())) {
      Objects.requireNonNull(element, "ORSet element");
      DotSet adds = GcParts.dots(claims, "element " + element, entries.get(element), entries.containsKey(element));
      DotSet tokenDots =
          GcParts.dots(claims, "tokens of " + element, tokens.get(element), tokens.containsKey(element));
      VectorClock floor = parts.floors().get(element).getOrElse(VectorClock.empty());
      store = store.with(element, Presence.of(parts.collapsed().contains(element), adds, tokenDots, floor));
    }
    for (E element : parts.removed()) {
      store = store.withName(Objects.requireNonNull(element, "ORSet removed element"));
    }
    return new ORSet<>(GcParts.state("ORSet", store, context, cuts, parts.gc()));
  }

  /**
   * This set's parts, for codecs and snapshots, not for applications (see {@link Parts}).
   *
   * @return the parts; {@link #fromParts} rebuilds an equal set from them
   */
  @API(status = INTERNAL, since = "0.1")
  public Parts<E> parts() {
    return new Parts<>(entries(), collapsedElements(), tokens(), floors(), state.context(), gcMetadata(),
        removedElements());
  }

  /**
   * {@code element} added by {@code replica}, with a new dot; it wins over every remove that has not seen it.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @param element the element; not null, immutable, with value-based equals and hashCode
   * @return the set with the element present
   */
  public ORSet<E> add(ReplicaId replica, E element) {
    Objects.requireNonNull(element, "ORSet element");
    Dot dot = nextDot(replica);
    // The new dot replaces the element's other add dots: this add has observed them.
    return wrap(state.withMinted(state.store().update(element, presence -> presence.withAdd(dot)), dot));
  }

  /**
   * The delta of {@link #add}: the new dot for {@code element}, and the dots it replaces as observed.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @param element the element; not null, immutable, with value-based equals and hashCode
   * @return the delta
   */
  public ORSet<E> deltaAdd(ReplicaId replica, E element) {
    Objects.requireNonNull(element, "ORSet element");
    Dot dot = nextDot(replica);
    // One descent makes the set with the add and finds the dots the add replaces; the delta remembers the set.
    Presence[] replaced = new Presence[1];
    DotMap<E, Presence> after = state.store().update(element, presence -> {
      replaced[0] = presence;
      return presence.withAdd(dot);
    });
    DotMap<E, Presence> added = ORSet.<E>emptyStore().with(element, Presence.addDelta(dot, state.deltaFloor()));
    return wrap(state.delta(added, replaced[0].dots(), dot, state.withMinted(after, dot)));
  }

  /**
   * This set without {@code element}, removed by {@code replica}: removes the adds of it seen so far, and records
   * the remove as an event (a dot in the context; also a remove token if the element may be collapsed somewhere,
   * see crdt-gc's GC.md). {@code this} if it is absent.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @param element the element; not null, immutable, with value-based equals and hashCode
   * @return the set without the element; {@code this} if it was absent
   */
  public ORSet<E> remove(ReplicaId replica, E element) {
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(element, "ORSet element");
    // One descent of the trie; the dot is minted (added to the context) only if the element was present.
    Dot dot = nextDot(replica);
    DotMap<E, Presence> after =
        state.store().update(element, current -> current.isPresent() ? removed(current, dot) : current);
    return after == state.store() ? this : wrap(state.withMinted(after, dot));
  }

  /**
   * The delta of {@link #remove}: the observed add dots of {@code element}, the remove's dot, any token.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @param element the element; not null, immutable, with value-based equals and hashCode
   * @return the delta; the bottom set if the element was absent
   */
  public ORSet<E> deltaRemove(ReplicaId replica, E element) {
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(element, "ORSet element");
    // One descent makes the set without the element and finds the dots the remove observes, as in remove().
    Dot dot = nextDot(replica);
    Presence[] observed = new Presence[1];
    DotMap<E, Presence> after = state.store().update(element, current -> {
      observed[0] = current;
      return current.isPresent() ? removed(current, dot) : current;
    });
    Presence current = observed[0];
    if (!current.isPresent()) {
      return bottom();
    }
    // Named, so that a receiver finds the element whose dots the delta has seen without walking its whole set.
    DotMap<E, Presence> tokens = ORSet.<E>emptyStore().with(element, tokenOnly(current, dot)).withName(element);
    return wrap(state.delta(tokens, current.dots(), dot, state.withMinted(after, dot)));
  }

  /**
   * The empty set that has observed (and so removes) every element seen so far; {@code this} if empty.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @return the empty set, having seen this one; {@code this} if it was empty
   */
  public ORSet<E> clear(ReplicaId replica) {
    Objects.requireNonNull(replica, "replica");
    if (isEmpty()) {
      return this;
    }
    Clearing<E> clearing = clearing(replica);
    return wrap(state.withMinted(clearing.after, clearing.minted));
  }

  /**
   * The delta of {@link #clear}: each element's observed add dots, the removes' dots, and any tokens.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @return the delta; the bottom set if this one was empty
   */
  public ORSet<E> deltaClear(ReplicaId replica) {
    Objects.requireNonNull(replica, "replica");
    if (isEmpty()) {
      return bottom();
    }
    Clearing<E> clearing = clearing(replica);
    return wrap(state.delta(clearing.tokens, clearing.observed, clearing.minted,
        state.withMinted(clearing.after, clearing.minted)));
  }

  /** A clear: one remove per present element, each with its own dot (and token, if needed). */
  private record Clearing<E>(DotMap<E, Presence> after, DotMap<E, Presence> tokens, java.util.List<Dot> observed,
      java.util.List<Dot> minted) {}

  private Clearing<E> clearing(ReplicaId replica) {
    // One dot for the clear; each element that needs a token gets a dot of its own (dots are unique per state).
    Dot dot = nextDot(replica);
    java.util.List<Dot> minted = new java.util.ArrayList<>(java.util.List.of(dot));
    DotMap<E, Presence> after = state.store();
    DotMap<E, Presence> tokens = emptyStore();
    java.util.List<Dot> observed = new java.util.ArrayList<>();
    for (var entry : state.store().iterator().filter(entry -> entry._2.isPresent())) {
      Dot token = entry._2.removeNeedsToken(state.cuts().stable()) ? nextOf(minted) : dot;
      after = after.with(entry._1, removed(entry._2, token));
      tokens = tokens.with(entry._1, tokenOnly(entry._2, token));
      entry._2.dots().forEach(observed::add);
    }
    return new Clearing<>(after, tokens, observed, minted);
  }

  /** The dot after the last one minted, now minted too. */
  private static Dot nextOf(java.util.List<Dot> minted) {
    Dot next = minted.get(minted.size() - 1).next();
    minted.add(next);
    return next;
  }

  private Presence removed(Presence current, Dot dot) {
    return current.removed(dot, current.removeNeedsToken(state.cuts().stable()));
  }

  private Presence tokenOnly(Presence current, Dot dot) {
    return current.removalDelta(dot, state.cuts(), state.deltaFloor());
  }

  private Dot nextDot(ReplicaId replica) {
    return state.context().nextDot(Objects.requireNonNull(replica, "replica"));
  }

  /**
   * Whether {@code element} is present.
   *
   * @param element any element
   * @return {@code true} if an add of it survives that no remove has seen
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
    return state.store().keysWhere(Presence::isPresent);
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

  /**
   * The number of present elements.
   *
   * @return how many elements are present
   */
  public int size() {
    return state.store().count(Presence::isPresent);
  }

  /**
   * Whether no element is present.
   *
   * @return {@code true} if no element is present
   */
  public boolean isEmpty() {
    return !state.store().exists(Presence::isPresent);
  }

  /** Each element with add dots, and those dots (one per concurrent add). */
  Map<E, SortedSet<Dot>> entries() {
    return state.store().viewsWhere(presence -> !presence.adds().isEmpty(), presence -> presence.adds().dots());
  }

  /** The elements present by a collapsed presence: every replica knows their adds are stable; no dots kept. */
  Set<E> collapsedElements() {
    return state.store().keysWhere(Presence::isCollapsed);
  }

  /** The elements a remove's delta names (see {@link Parts#removed()}); empty for whole states and other deltas. */
  Set<E> removedElements() {
    return state.store().named();
  }

  /** The remove tokens still held (until stable), by element. */
  Map<E, SortedSet<Dot>> tokens() {
    return state.store().viewsWhere(presence -> !presence.tokens().isEmpty(), presence -> presence.tokens().dots());
  }

  /** The floor of each element that has one (crdt-gc's GC.md, rule 6). */
  Map<E, VectorClock> floors() {
    return state.store().viewsWhere(presence -> !presence.floor().isEmpty(), Presence::floor);
  }

  /** The garbage-collection metadata (crdt-gc's GC.md). */
  GcMetadata gcMetadata() {
    return GcMetadata.of(state);
  }

  /** The add dots that keep {@code element} present (empty if absent or collapsed): one per concurrent add. */
  SortedSet<Dot> dots(E element) {
    return state.store().get(element).adds().dots();
  }

  /** The remove tokens held: what collection at stability reclaims. */
  @Override
  public int tombstones() {
    return state.store().iterator().map(entry -> entry._2.tokens().size()).sum().intValue();
  }

  @Override
  public ORSet<E> bottom() {
    return empty();
  }

  private static <E> DotMap<E, Presence> emptyStore() {
    return DotMap.empty(Presence.EMPTY);
  }

  /** {@code ORSet{milk=[a:1], eggs=[b:2]} | seen {a:1, b:2}}. */
  @Override
  public String toString() {
    return "ORSet" + state.store() + " | seen " + state.context()
        + (state.cuts().equals(Cuts.NONE) ? "" : " | collected at " + state.cuts());
  }
}
