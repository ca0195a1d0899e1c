package io.crdtkit;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
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

  /** The flag that was never enabled: {@code false}. */
  public static EWFlag empty() {
    return DISABLED;
  }

  /**
   * The flag holding these enable dots, having seen {@code context}: for decoders and snapshots of flags that were
   * never garbage collected.
   *
   * @throws IllegalArgumentException if a dot is beyond {@code context} or given twice
   */
  public static EWFlag of(Iterable<Dot> enables, CausalContext context) {
    return of(enables, false, List.empty(), VectorClock.empty(), context, GcMetadata.NONE);
  }

  /**
   * The flag rebuilt from all its parts, garbage-collection metadata included, for codecs and snapshots (see
   * {@link ORSet#of(Map, Set, Map, Map, CausalContext, GcMetadata, Set)}). {@code EWFlag.of(f.dots(),
   * f.isCollapsed(), f.tokens(), f.floor(), f.context(), f.gcMetadata())} equals {@code f}.
   *
   * @throws IllegalArgumentException if a dot is beyond {@code context} or given twice, the cuts are out of order,
   *     the flag is collapsed without a collapse cut, or the delivered dots are beyond the context
   */
  @API(status = INTERNAL, since = "0.1")
  public static EWFlag of(Iterable<Dot> enables, boolean collapsed, Iterable<Dot> tokens, VectorClock floor,
      CausalContext context, GcMetadata gc) {
    DotClaims claims = new DotClaims("EWFlag", context);
    Cuts cuts = GcParts.cuts("EWFlag", context, gc);
    GcParts.requireCollapseCutFor("EWFlag", collapsed, cuts);
    DotSet adds = new DotSet(TreeSet.ofAll(claims.claim("enables", enables, false)));
    DotSet tokenDots = new DotSet(TreeSet.ofAll(claims.claim("tokens", tokens, false)));
    return new EWFlag(GcParts.state("EWFlag", Presence.of(collapsed, adds, tokenDots, floor), context, cuts, gc));
  }

  /** The flag enabled by {@code replica}, with a new dot that wins over every disable that has not seen it. */
  public EWFlag enable(ReplicaId replica) {
    Dot dot = nextDot(replica);
    return wrap(state.withMinted(state.store().withAdd(dot), dot));
  }

  /** The delta of {@link #enable}. */
  public EWFlag deltaEnable(ReplicaId replica) {
    Dot dot = nextDot(replica);
    return wrap(state.delta(Presence.addDelta(dot, state.deltaFloor()), state.store().dots(), dot));
  }

  /** The flag disabled by {@code replica}: removes the enables seen so far; {@code this} if already off. */
  public EWFlag disable(ReplicaId replica) {
    Objects.requireNonNull(replica, "replica");
    if (!value()) {
      return this;
    }
    Dot dot = nextDot(replica);
    return wrap(state.withMinted(state.store().removed(dot, needsToken()), dot));
  }

  /** The delta of {@link #disable}. */
  public EWFlag deltaDisable(ReplicaId replica) {
    Objects.requireNonNull(replica, "replica");
    if (!value()) {
      return bottom();
    }
    Dot dot = nextDot(replica);
    return wrap(state.delta(state.store().removalDelta(dot, state.cuts(), state.deltaFloor()), state.store().dots(), dot));
  }

  private boolean needsToken() {
    return state.store().removeNeedsToken(state.cuts().stable());
  }

  private Dot nextDot(ReplicaId replica) {
    return state.context().nextDot(Objects.requireNonNull(replica, "replica"));
  }

  /** Whether the flag is enabled. */
  public boolean value() {
    return state.store().isPresent();
  }

  /** The dots of the enables that keep the flag on (none once collapsed). */
  public SortedSet<Dot> dots() {
    return state.store().adds().dots();
  }

  /** Whether the flag is on by a collapsed enable: every replica knows it is stable; no dot is kept. */
  public boolean isCollapsed() {
    return state.store().isCollapsed();
  }

  /** The disable tokens still held (until stable). */
  public SortedSet<Dot> tokens() {
    return state.store().tokens().dots();
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
