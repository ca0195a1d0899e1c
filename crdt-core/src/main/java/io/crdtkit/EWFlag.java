package io.crdtkit;

import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
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
public final class EWFlag implements CausalCrdt<EWFlag>, Retirable<EWFlag> {

  private static final EWFlag DISABLED = new EWFlag(CausalState.empty(DotSet.EMPTY));

  private final CausalState<DotSet> state;

  private EWFlag(CausalState<DotSet> state) {
    this.state = state;
  }

  /** The flag that was never enabled: {@code false}. */
  public static EWFlag empty() {
    return DISABLED;
  }

  /**
   * The flag holding these enable dots, having seen {@code context}: for decoders and snapshots.
   *
   * @throws IllegalArgumentException if a dot is beyond {@code context} or given twice
   */
  public static EWFlag of(Iterable<Dot> enables, CausalContext context) {
    DotClaims claims = new DotClaims("EWFlag", context);
    return new EWFlag(new CausalState<>(new DotSet(TreeSet.ofAll(claims.claim("enables", enables, false))), context));
  }

  /** The flag enabled by {@code replica}, with a new dot that wins over every disable that has not seen it. */
  public EWFlag enable(ReplicaId replica) {
    Dot dot = state.context().nextDot(Objects.requireNonNull(replica, "replica"));
    return wrap(state.withMinted(DotSet.of(dot), dot));
  }

  /** The delta of {@link #enable}. */
  public EWFlag deltaEnable(ReplicaId replica) {
    Dot dot = state.context().nextDot(Objects.requireNonNull(replica, "replica"));
    return wrap(CausalState.delta(DotSet.of(dot), state.store().dots(), dot));
  }

  /** The flag disabled by {@code replica}: removes the enables seen so far; {@code this} if already off. */
  public EWFlag disable(ReplicaId replica) {
    return value() ? wrap(state.withMinted(DotSet.EMPTY, nextDot(replica))) : this;
  }

  /** The delta of {@link #disable}. */
  public EWFlag deltaDisable(ReplicaId replica) {
    return value() ? wrap(CausalState.removal(DotSet.EMPTY, state.store().dots(), nextDot(replica))) : bottom();
  }

  private Dot nextDot(ReplicaId replica) {
    return state.context().nextDot(Objects.requireNonNull(replica, "replica"));
  }

  /** Whether the flag is enabled. */
  public boolean value() {
    return !state.store().isEmpty();
  }

  /** The dots of the enables that keep the flag on. */
  public SortedSet<Dot> dots() {
    return state.store().dots();
  }

  /** Every dot this flag has seen. */
  @Override
  public CausalContext context() {
    return state.context();
  }

  @Override
  public EWFlag renameReplica(ReplicaId from, ReplicaId to, long offset) {
    return wrap(state.rename(from, to, offset));
  }

  @Override
  public EWFlag retire(ReplicaId retired, ReplicaId heir) {
    return wrap(state.retire(retired, heir));
  }

  @Override
  public EWFlag withContext(CausalContext seen) {
    return wrap(state.withContext(seen));
  }

  @Override
  public EWFlag merge(EWFlag other) {
    return wrap(state.join(other.state));
  }

  @Override
  public boolean isLessOrEqual(EWFlag other) {
    return state.isLessOrEqual(other.state);
  }

  @Override
  public EWFlag bottom() {
    return DISABLED;
  }

  private EWFlag wrap(CausalState<DotSet> next) {
    return next == state ? this : new EWFlag(next);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EWFlag other && state.equals(other.state);
  }

  @Override
  public int hashCode() {
    return state.hashCode();
  }

  /** {@code EWFlag(true, enables [a:2] | seen {a:2})}. */
  @Override
  public String toString() {
    return "EWFlag(" + value() + ", enables " + state.store() + " | seen " + state.context() + ")";
  }
}
