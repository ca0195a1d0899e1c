package io.crdtkit;

import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.vavr.Tuple2;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A multi-value register: a write replaces every write it has seen, and concurrent writes are all kept until a
 * later write (that has seen them) replaces them. Nothing is lost to clock skew; the application resolves
 * conflicts when it reads more than one value (as Dynamo's shopping cart did).
 *
 * <pre>{@code
 * MVRegister<String> base = MVRegister.<String>empty().write(A, "draft");
 * MVRegister<String> both = base.write(A, "red").merge(base.write(B, "blue"));
 * both.value()                    -> {red, blue}      // concurrent writes are both kept
 * both.write(A, "purple").value() -> {purple}         // a write that saw both replaces both
 * }</pre>
 *
 * <p><b>Metadata.</b> One dot per kept value, plus the causal context.
 *
 * @param <V> the value type; values must be immutable and have value-based equals and hashCode
 */
@API(status = STABLE, since = "0.1")
public final class MVRegister<V> implements CausalCrdt<MVRegister<V>>, Retirable<MVRegister<V>> {

  private static final MVRegister<?> EMPTY = new MVRegister<>(CausalState.empty(DotFun.empty()));

  private final CausalState<DotFun<V>> state;

  private MVRegister(CausalState<DotFun<V>> state) {
    this.state = state;
  }

  /** The register that was never written: its value is the empty set. */
  @SuppressWarnings("unchecked")
  public static <V> MVRegister<V> empty() {
    return (MVRegister<V>) EMPTY;
  }

  /**
   * The register holding these concurrent writes, each under its dot, having seen {@code context}: for decoders
   * and snapshots.
   *
   * @throws IllegalArgumentException if a dot is beyond {@code context} or a value is null
   */
  public static <V> MVRegister<V> of(Map<Dot, V> writes, CausalContext context) {
    DotClaims claims = new DotClaims("MVRegister", context);
    SortedMap<Dot, V> entries = TreeMap.empty();
    for (Tuple2<Dot, V> write : writes) {
      claims.claim("write of " + write._2, write._1);
      entries = entries.put(write._1, Objects.requireNonNull(write._2, "MVRegister value"));
    }
    return new MVRegister<>(new CausalState<>(new DotFun<>(entries), context));
  }

  /** {@code value} written by {@code replica}: it replaces every value seen so far. */
  public MVRegister<V> write(ReplicaId replica, V value) {
    Objects.requireNonNull(value, "MVRegister value");
    Dot dot = state.context().nextDot(Objects.requireNonNull(replica, "replica"));
    return wrap(state.withMinted(DotFun.of(dot, value), dot));
  }

  /** The delta of {@link #write}. */
  public MVRegister<V> deltaWrite(ReplicaId replica, V value) {
    Objects.requireNonNull(value, "MVRegister value");
    Dot dot = state.context().nextDot(Objects.requireNonNull(replica, "replica"));
    return wrap(state.delta(DotFun.of(dot, value), state.store().dots(), dot));
  }

  /** The values of the concurrent writes not yet replaced: empty if never written, one value if no conflict. */
  public Set<V> value() {
    return state.store().entries().values().toLinkedSet();
  }

  /** Each kept value with the dot of its write. */
  public SortedMap<Dot, V> writes() {
    return state.store().entries();
  }

  /** Every dot this register has seen. */
  @Override
  public CausalContext context() {
    return state.context();
  }

  @Override
  public MVRegister<V> renameReplica(ReplicaId from, ReplicaId to, long offset) {
    return wrap(state.rename(from, to, offset));
  }

  @Override
  public MVRegister<V> retire(ReplicaId retired, ReplicaId heir) {
    return wrap(state.retire(retired, heir));
  }

  @Override
  public MVRegister<V> withContext(CausalContext seen) {
    return wrap(state.withContext(seen));
  }

  @Override
  public MVRegister<V> merge(MVRegister<V> other) {
    return wrap(state.join(other.state));
  }

  @Override
  public boolean isLessOrEqual(MVRegister<V> other) {
    return state.isLessOrEqual(other.state);
  }

  @Override
  public MVRegister<V> bottom() {
    return empty();
  }

  private MVRegister<V> wrap(CausalState<DotFun<V>> next) {
    return next == state ? this : new MVRegister<>(next);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MVRegister<?> other && state.equals(other.state);
  }

  @Override
  public int hashCode() {
    return state.hashCode();
  }

  /** {@code MVRegister{a:2=red, b:1=blue} | seen {a:2, b:1}}. */
  @Override
  public String toString() {
    return "MVRegister" + state.store() + " | seen " + state.context();
  }
}
