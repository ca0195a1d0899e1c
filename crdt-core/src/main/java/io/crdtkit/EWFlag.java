package io.crdtkit;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.List;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An enable-wins flag: a boolean that starts {@code false}, where an enable wins over a concurrent disable
 * (Almeida, Shoker and Baquero 2018, §7.2). It is an add-wins set of a single element.
 *
 * <pre>{@code
 * EWFlag on  = EWFlag.empty().enable(A);
 * on.disable(A).merge(on.enable(B)).value() == true   // concurrent disable and enable: enabled
 * on.disable(A).merge(on).value() == false            // the disable saw the enable, so it wins
 * }</pre>
 *
 * <p><b>Metadata.</b> One dot per concurrent enable while enabled; none while disabled; plus the causal context.
 */
@API(status = STABLE, since = "0.1")
public final class EWFlag extends CausalType<EWFlag, CausalState<Presence>> {

  private static final EWFlag DISABLED = new EWFlag(CausalState.empty(Presence.EMPTY));

  // An add-wins set of one element: the same payload, collapse and tokens included.
  private EWFlag(CausalState<Presence> state) {
    super(state);
  }

  @Override
  EWFlag with(CausalState<Presence> next) {
    return new EWFlag(next);
  }

  /**
   * The flag that was never enabled: {@code false}.
   *
   * @return the disabled flag, with no metadata
   */
  public static EWFlag empty() {
    return DISABLED;
  }

  /**
   * The flag holding these enable dots, having seen {@code context}: a flag never garbage collected (tests build
   * such states directly).
   *
   * @throws IllegalArgumentException if a dot is beyond {@code context} or given twice
   */
  static EWFlag of(Iterable<Dot> enables, CausalContext context) {
    return fromParts(new Parts(enables, false, List.empty(), VectorClock.empty(), context, GcMetadata.NONE));
  }

  /**
   * The parts of a flag that a codec writes and reads back, and a snapshot keeps: what {@link #parts()} returns
   * and {@link #fromParts} takes. For crdt-jackson and crdt-gc, not for applications: the parts are the flag's
   * metadata, and their shape may change with any release.
   *
   * @param enables   the dots of the enables that keep the flag on (none once collapsed; in dot order from
   *                  {@code parts()})
   * @param collapsed whether the flag is on by a collapsed enable: every replica knows it is stable, and no dot is
   *                  kept (crdt-gc's GC.md §2)
   * @param tokens    the disable tokens still held (until they are stable)
   * @param floor     what a delta's entry observed beyond the dots it lists (GC.md, rule 6); empty if none
   * @param context   every dot the flag has seen
   * @param gc        the rest of the garbage-collection metadata: cuts, delivered dots, whether it is a delta
   */
  @API(status = INTERNAL, since = "0.1")
  public record Parts(Iterable<Dot> enables, boolean collapsed, Iterable<Dot> tokens, VectorClock floor,
      CausalContext context, GcMetadata gc) {}

  /**
   * The flag rebuilt from its parts, garbage-collection metadata included, after checking that they make a valid
   * state: for codecs and snapshots, not for applications. {@code EWFlag.fromParts(f.parts())} equals {@code f}.
   *
   * @param parts what {@link #parts()} returned, or a decoder read
   * @return the flag
   * @throws IllegalArgumentException if a dot is beyond the context or given twice, the cuts are out of order, the
   *     flag is collapsed without a collapse cut, or the delivered dots are beyond the context
   * @throws NullPointerException if a part or a dot is null
   */
  @API(status = INTERNAL, since = "0.1")
  public static EWFlag fromParts(Parts parts) {
    CausalContext context = parts.context();
    DotClaims claims = new DotClaims("EWFlag", context);
    Cuts cuts = GcParts.cuts("EWFlag", context, parts.gc());
    GcParts.requireCollapseCutFor("EWFlag", parts.collapsed(), cuts);
    DotSet adds = new DotSet(TreeSet.ofAll(claims.claim("enables", parts.enables(), false)));
    DotSet tokenDots = new DotSet(TreeSet.ofAll(claims.claim("tokens", parts.tokens(), false)));
    Presence store = Presence.of(parts.collapsed(), adds, tokenDots, parts.floor());
    return new EWFlag(GcParts.state("EWFlag", store, context, cuts, parts.gc()));
  }

  /**
   * This flag's parts, for codecs and snapshots, not for applications (see {@link Parts}).
   *
   * @return the parts; {@link #fromParts} rebuilds an equal flag from them
   */
  @API(status = INTERNAL, since = "0.1")
  public Parts parts() {
    return new Parts(dots(), isCollapsed(), tokens(), state.store().floor(), state.context(), GcMetadata.of(state));
  }

  /**
   * The flag enabled by {@code replica}, with a new dot that wins over every disable that has not seen it.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @return the enabled flag
   */
  public EWFlag enable(ReplicaId replica) {
    Dot dot = nextDot(replica);
    return wrap(state.withMinted(state.store().withAdd(dot), dot));
  }

  /**
   * The delta of {@link #enable}.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @return the delta: the enable's dot, and the dots it observed
   */
  public EWFlag deltaEnable(ReplicaId replica) {
    Dot dot = nextDot(replica);
    return wrap(state.delta(Presence.addDelta(dot, state.deltaFloor()), state.store().dots(), dot,
        state.withMinted(state.store().withAdd(dot), dot)));
  }

  /**
   * The flag disabled by {@code replica}: removes the enables seen so far; {@code this} if already off.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @return the disabled flag; {@code this} if it was off
   */
  public EWFlag disable(ReplicaId replica) {
    Objects.requireNonNull(replica, "replica");
    if (!value()) {
      return this;
    }
    Dot dot = nextDot(replica);
    return wrap(state.withMinted(state.store().removed(dot, needsToken()), dot));
  }

  /**
   * The delta of {@link #disable}.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @return the delta: the enables it observed and its own dot; the bottom flag if it was off
   */
  public EWFlag deltaDisable(ReplicaId replica) {
    Objects.requireNonNull(replica, "replica");
    if (!value()) {
      return bottom();
    }
    Dot dot = nextDot(replica);
    return wrap(state.delta(state.store().removalDelta(dot, state.cuts(), state.deltaFloor()), state.store().dots(), dot,
        state.withMinted(state.store().removed(dot, needsToken()), dot)));
  }

  private boolean needsToken() {
    return state.store().removeNeedsToken(state.cuts().stable());
  }

  private Dot nextDot(ReplicaId replica) {
    return state.context().nextDot(Objects.requireNonNull(replica, "replica"));
  }

  /**
   * Whether the flag is enabled.
   *
   * @return {@code true} if an enable survives that no disable has seen
   */
  public boolean value() {
    return state.store().isPresent();
  }

  /** The dots of the enables that keep the flag on (none once collapsed). */
  SortedSet<Dot> dots() {
    return state.store().adds().dots();
  }

  /** Whether the flag is on by a collapsed enable: every replica knows it is stable; no dot is kept. */
  boolean isCollapsed() {
    return state.store().isCollapsed();
  }

  /** The disable tokens still held (until stable). */
  SortedSet<Dot> tokens() {
    return state.store().tokens().dots();
  }

  @Override
  public int tombstones() {
    return state.store().tokens().size();
  }

  @Override
  public EWFlag bottom() {
    return DISABLED;
  }

  /** {@code EWFlag(true, enables [a:2] | seen {a:2})}. */
  @Override
  public String toString() {
    return "EWFlag(" + value() + ", enables " + state.store() + " | seen " + state.context() + ")";
  }
}
