package io.crdtkit;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A disable-wins flag: a boolean that starts {@code false}, where a disable wins over a concurrent enable. It is
 * a remove-wins set of a single element: enabled means at least one enable and no disable that the enables have
 * not seen.
 *
 * <pre>{@code
 * DWFlag on  = DWFlag.empty().enable(A);
 * on.disable(A).merge(on.enable(B)).value() == false  // concurrent disable and enable: disabled
 * on.disable(A).enable(B).value() == true             // an enable that saw the disable wins
 * }</pre>
 *
 * <p><b>Metadata.</b> A disable leaves a token (a dot) until an enable observes it, because a concurrent enable
 * could still arrive; the garbage collector drops tokens that are causally stable.
 */
@API(status = STABLE, since = "0.1")
public final class DWFlag extends CausalType<DWFlag, CausalState<AddRemoveDots>> {

  private static final DWFlag DISABLED = new DWFlag(CausalState.empty(AddRemoveDots.EMPTY));

  private DWFlag(CausalState<AddRemoveDots> state) {
    super(state);
  }

  @Override
  DWFlag with(CausalState<AddRemoveDots> next) {
    return new DWFlag(next);
  }

  /** The flag that was never enabled: {@code false}. */
  public static DWFlag empty() {
    return DISABLED;
  }

  /**
   * The flag holding these enable dots and disable tokens, having seen {@code context}: for decoders and
   * snapshots.
   *
   * @throws IllegalArgumentException if a dot is beyond {@code context} or given twice
   */
  public static DWFlag of(Iterable<Dot> enables, Iterable<Dot> disables, CausalContext context) {
    return of(enables, disables, VectorClock.empty(), context, GcMetadata.NONE);
  }

  /**
   * The flag rebuilt from all its parts, garbage-collection metadata included, for codecs and snapshots (see
   * {@link ORSet#of(Map, Set, Map, Map, CausalContext, GcMetadata, Set)}). {@code DWFlag.of(f.enableDots(),
   * f.disableDots(), f.floor(), f.context(), f.gcMetadata())} equals {@code f}.
   *
   * @throws IllegalArgumentException also if the cuts are out of order (collapse cut <= stable cut <= context;
   *     none in a delta), or the delivered dots are beyond the context
   */
  @API(status = INTERNAL, since = "0.1")
  public static DWFlag of(Iterable<Dot> enables, Iterable<Dot> disables, VectorClock floor, CausalContext context,
      GcMetadata gc) {
    Cuts cuts = GcParts.cuts("DWFlag", context, gc);
    DotClaims claims = new DotClaims("DWFlag", context);
    AddRemoveDots store = new AddRemoveDots(
        new DotSet(TreeSet.ofAll(claims.claim("enables", enables, false))),
        new DotSet(TreeSet.ofAll(claims.claim("disables", disables, false))), floor);
    return new DWFlag(GcParts.state("DWFlag", store, context, cuts, gc));
  }

  /** The floor of the flag's entry, if a delta made it (crdt-gc's GC.md, rule 6): for codecs and snapshots. */
  @API(status = INTERNAL, since = "0.1")
  public VectorClock floor() {
    return state.store().floor();
  }

  /** The garbage-collection metadata (crdt-gc's GC.md): for codecs and snapshots. */
  @API(status = INTERNAL, since = "0.1")
  public GcMetadata gcMetadata() {
    return GcMetadata.of(state);
  }

  /** The flag enabled by {@code replica}; it clears the disables it has seen, but loses to concurrent ones. */
  public DWFlag enable(ReplicaId replica) {
    Dot dot = nextDot(replica);
    return wrap(state.withMinted(AddRemoveDots.added(dot), dot));
  }

  /** The delta of {@link #enable}. */
  public DWFlag deltaEnable(ReplicaId replica) {
    Dot dot = nextDot(replica);
    return wrap(state.delta(AddRemoveDots.added(dot).observing(state.deltaFloor()), state.store().dots(), dot));
  }

  /** The flag disabled by {@code replica}, with a token that wins over every enable it has not seen. */
  public DWFlag disable(ReplicaId replica) {
    Dot dot = nextDot(replica);
    return wrap(state.withMinted(AddRemoveDots.removed(dot), dot));
  }

  /** The delta of {@link #disable}. */
  public DWFlag deltaDisable(ReplicaId replica) {
    Dot dot = nextDot(replica);
    return wrap(state.delta(AddRemoveDots.removed(dot).observing(state.deltaFloor()), state.store().dots(),
        dot));
  }

  /** Whether the flag is enabled. */
  public boolean value() {
    return state.store().isPresent();
  }

  /** The dots of the enables not yet observed by a later disable. */
  public SortedSet<Dot> enableDots() {
    return state.store().adds().dots();
  }

  /** The disable tokens not yet observed by a later enable. */
  public SortedSet<Dot> disableDots() {
    return state.store().removes().dots();
  }

  /**
   * This flag without its disable tokens once every replica has fully seen them (every dot at or below
   * {@code stableCut}): still disabled, with no metadata. {@code this} otherwise.
   */
  public DWFlag dropStableTokens(VectorClock stableCut) {
    return collect(stableCut, VectorClock.empty());
  }

  /** The disable tokens held. */
  @Override
  public int tombstones() {
    return disableTokens();
  }

  /** The number of disable tokens held: the metadata garbage collection can reclaim. */
  public int disableTokens() {
    return state.store().removes().size();
  }

  @Override
  public DWFlag bottom() {
    return DISABLED;
  }

  private Dot nextDot(ReplicaId replica) {
    return state.context().nextDot(Objects.requireNonNull(replica, "replica"));
  }

  /** {@code DWFlag(false, adds[a:1] removes[b:1] | seen {a:1, b:1})}. */
  @Override
  public String toString() {
    return "DWFlag(" + value() + ", " + state.store() + " | seen " + state.context() + ")";
  }
}
