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

  /**
   * The flag that was never enabled: {@code false}.
   *
   * @return the disabled flag, with no metadata
   */
  public static DWFlag empty() {
    return DISABLED;
  }

  /**
   * The flag holding these enable dots and disable tokens, having seen {@code context}: a flag never garbage
   * collected (tests build such states directly).
   *
   * @throws IllegalArgumentException if a dot is beyond {@code context} or given twice
   */
  static DWFlag of(Iterable<Dot> enables, Iterable<Dot> disables, CausalContext context) {
    return fromParts(new Parts(enables, disables, VectorClock.empty(), context, GcMetadata.NONE));
  }

  /**
   * The parts of a flag that a codec writes and reads back, and a snapshot keeps: what {@link #parts()} returns
   * and {@link #fromParts} takes. For crdt-jackson and crdt-gc, not for applications: the parts are the flag's
   * metadata, and their shape may change with any release.
   *
   * @param enables  the dots of the enables not yet observed by a later disable (in dot order from
   *                 {@code parts()})
   * @param disables the disable tokens not yet observed by a later enable: the tombstones
   * @param floor    what a delta's entry observed beyond the dots it lists (crdt-gc's GC.md, rule 6); empty if none
   * @param context  every dot the flag has seen
   * @param gc       the rest of the garbage-collection metadata: cuts, delivered dots, whether it is a delta
   */
  @API(status = INTERNAL, since = "0.1")
  public record Parts(Iterable<Dot> enables, Iterable<Dot> disables, VectorClock floor, CausalContext context,
      GcMetadata gc) {}

  /**
   * The flag rebuilt from its parts, garbage-collection metadata included, after checking that they make a valid
   * state: for codecs and snapshots, not for applications. {@code DWFlag.fromParts(f.parts())} equals {@code f}.
   *
   * @param parts what {@link #parts()} returned, or a decoder read
   * @return the flag
   * @throws IllegalArgumentException if a dot is beyond the context or given twice, the cuts are out of order
   *     (collapse cut &lt;= stable cut &lt;= context; none in a delta), or the delivered dots are beyond the context
   * @throws NullPointerException if a part or a dot is null
   */
  @API(status = INTERNAL, since = "0.1")
  public static DWFlag fromParts(Parts parts) {
    CausalContext context = parts.context();
    Cuts cuts = GcParts.cuts("DWFlag", context, parts.gc());
    DotClaims claims = new DotClaims("DWFlag", context);
    AddRemoveDots store = new AddRemoveDots(
        new DotSet(TreeSet.ofAll(claims.claim("enables", parts.enables(), false))),
        new DotSet(TreeSet.ofAll(claims.claim("disables", parts.disables(), false))), parts.floor());
    return new DWFlag(GcParts.state("DWFlag", store, context, cuts, parts.gc()));
  }

  /**
   * This flag's parts, for codecs and snapshots, not for applications (see {@link Parts}).
   *
   * @return the parts; {@link #fromParts} rebuilds an equal flag from them
   */
  @API(status = INTERNAL, since = "0.1")
  public Parts parts() {
    return new Parts(enableDots(), disableDots(), state.store().floor(), state.context(), GcMetadata.of(state));
  }

  /**
   * The flag enabled by {@code replica}; it clears the disables it has seen, but loses to concurrent ones.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @return the enabled flag
   */
  public DWFlag enable(ReplicaId replica) {
    Dot dot = nextDot(replica);
    return wrap(state.withMinted(AddRemoveDots.added(dot), dot));
  }

  /**
   * The delta of {@link #enable}.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @return the delta: the enable's dot, and the dots it observed
   */
  public DWFlag deltaEnable(ReplicaId replica) {
    Dot dot = nextDot(replica);
    return wrap(state.delta(AddRemoveDots.added(dot).observing(state.deltaFloor()), state.store().dots(), dot,
        state.withMinted(AddRemoveDots.added(dot), dot)));
  }

  /**
   * The flag disabled by {@code replica}, with a token that wins over every enable it has not seen.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @return the disabled flag, holding the disable's token
   */
  public DWFlag disable(ReplicaId replica) {
    Dot dot = nextDot(replica);
    return wrap(state.withMinted(AddRemoveDots.removed(dot), dot));
  }

  /**
   * The delta of {@link #disable}.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @return the delta: the token, and the dots it observed
   */
  public DWFlag deltaDisable(ReplicaId replica) {
    Dot dot = nextDot(replica);
    return wrap(state.delta(AddRemoveDots.removed(dot).observing(state.deltaFloor()), state.store().dots(),
        dot, state.withMinted(AddRemoveDots.removed(dot), dot)));
  }

  /**
   * Whether the flag is enabled.
   *
   * @return {@code true} if at least one enable and no disable it has not seen
   */
  public boolean value() {
    return state.store().isPresent();
  }

  /** The dots of the enables not yet observed by a later disable. */
  SortedSet<Dot> enableDots() {
    return state.store().adds().dots();
  }

  /** The disable tokens not yet observed by a later enable. */
  SortedSet<Dot> disableDots() {
    return state.store().removes().dots();
  }

  /** The disable tokens held. */
  @Override
  public int tombstones() {
    return disableTokens();
  }

  /** The number of disable tokens held: the metadata garbage collection can reclaim. */
  int disableTokens() {
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
