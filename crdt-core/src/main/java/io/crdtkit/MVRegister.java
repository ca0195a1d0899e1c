package io.crdtkit;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.SortedMap;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeMap;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

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
 * <p><b>Metadata.</b> One dot per kept value, plus the causal context. With garbage collection (crdt-gc), kept
 * values that every replica knows to be stable lose their dots; a write that replaces such a value leaves a token
 * until it is stable.
 *
 * @param <V> the value type; values must be immutable and have value-based equals and hashCode
 */
@API(status = STABLE, since = "0.1")
public final class MVRegister<V> extends CausalType<MVRegister<V>, CausalState<ValuedPresence<V, Set<V>>>> {

  /** Values fold into the set of values: the register's value. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final ValuedPresence.Folding SET = new ValuedPresence.Folding<Object, Set<Object>>() {
    @Override
    public Set<Object> fold(@Nullable Set<Object> into, Object value) {
      return into == null ? LinkedHashSet.of(value) : into.add(value);
    }

    @Override
    public Set<Object> join(Set<Object> one, Set<Object> other) {
      return one.union(other);
    }

    @Override
    public Object rename(Object value, ReplicaId from, ReplicaId to, long offset) {
      return value;
    }

    @Override
    public Set<Object> renameFolded(Set<Object> folded, ReplicaId from, ReplicaId to, long offset) {
      return folded;
    }
  };

  @SuppressWarnings("unchecked")
  private static final MVRegister<?> EMPTY = new MVRegister<>(CausalState.empty(ValuedPresence.empty(SET)));

  private MVRegister(CausalState<ValuedPresence<V, Set<V>>> state) {
    super(state);
  }

  @Override
  MVRegister<V> with(CausalState<ValuedPresence<V, Set<V>>> next) {
    return new MVRegister<>(next);
  }

  /**
   * The register that was never written: its value is the empty set.
   *
   * @param <V> the value type
   * @return the register that has seen nothing
   */
  @SuppressWarnings("unchecked")
  public static <V> MVRegister<V> empty() {
    return (MVRegister<V>) EMPTY;
  }

  /**
   * The register holding these concurrent writes, each under its dot, having seen {@code context}: a register never
   * garbage collected (tests build such states directly).
   *
   * @throws IllegalArgumentException if a dot is beyond {@code context} or a value is null
   */
  static <V> MVRegister<V> of(Map<Dot, V> writes, CausalContext context) {
    return fromParts(new Parts<>(TreeMap.ofEntries(writes), HashSet.empty(), List.of(), VectorClock.empty(), context,
        GcMetadata.NONE));
  }

  /**
   * The parts of a register that a codec writes and reads back, and a snapshot keeps: what {@link #parts()} returns
   * and {@link #fromParts} takes. For crdt-jackson and crdt-gc, not for applications: the parts are the register's
   * metadata, and their shape may change with any release.
   *
   * @param writes    each kept value under the dot of its write
   * @param collapsed the kept values that every replica knows to be stable, kept without a dot (crdt-gc's GC.md)
   * @param tokens    the tokens of writes that replaced collapsed values, still held (until they are stable)
   * @param floor     what a delta's write observed beyond the dots it lists (GC.md, rule 6); empty if none
   * @param context   every dot the register has seen
   * @param gc        the rest of the garbage-collection metadata: cuts, delivered dots, whether it is a delta
   * @param <V>       the value type
   */
  @API(status = INTERNAL, since = "0.1")
  public record Parts<V>(SortedMap<Dot, V> writes, Set<V> collapsed, Iterable<Dot> tokens, VectorClock floor,
      CausalContext context, GcMetadata gc) {}

  /**
   * The register rebuilt from its parts, garbage-collection metadata included, after checking that they make a
   * valid state: for codecs and snapshots, not for applications. {@code MVRegister.fromParts(r.parts())} equals
   * {@code r}.
   *
   * @param parts what {@link #parts()} returned, or a decoder read
   * @param <V>   the value type
   * @return the register
   * @throws IllegalArgumentException if a dot is beyond the context or held twice, the cuts are out of order, or
   *     values are collapsed without a collapse cut
   * @throws NullPointerException if a part, a value or a dot is null
   */
  @API(status = INTERNAL, since = "0.1")
  public static <V> MVRegister<V> fromParts(Parts<V> parts) {
    CausalContext context = parts.context();
    DotClaims claims = new DotClaims("MVRegister", context);
    Cuts cuts = GcParts.cuts("MVRegister", context, parts.gc());
    GcParts.requireCollapseCutFor("MVRegister", !parts.collapsed().isEmpty(), cuts);
    SortedMap<Dot, V> entries = TreeMap.empty();
    for (Tuple2<Dot, V> write : parts.writes()) {
      claims.claim("write of " + write._2, write._1);
      entries = entries.put(write._1, Objects.requireNonNull(write._2, "MVRegister value"));
    }
    parts.collapsed().forEach(value -> Objects.requireNonNull(value, "MVRegister collapsed value"));
    DotSet tokenDots = GcParts.dots(claims, "tokens", io.vavr.control.Option.of(parts.tokens()),
        parts.tokens().iterator().hasNext());
    ValuedPresence<V, Set<V>> store = ValuedPresence.of(folding(), entries,
        parts.collapsed().isEmpty() ? null : LinkedHashSet.ofAll(parts.collapsed()), tokenDots, parts.floor());
    return new MVRegister<>(GcParts.state("MVRegister", store, context, cuts, parts.gc()));
  }

  /**
   * This register's parts, for codecs and snapshots, not for applications (see {@link Parts}).
   *
   * @return the parts; {@link #fromParts} rebuilds an equal register from them
   */
  @API(status = INTERNAL, since = "0.1")
  public Parts<V> parts() {
    return new Parts<>(writes(), collapsedValues(), tokens(), state.store().presence().floor(), state.context(),
        GcMetadata.of(state));
  }

  /**
   * {@code value} written by {@code replica}: it replaces every value seen so far.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @param value   the value; not null, immutable, with value-based equals and hashCode
   * @return the register holding this value alone
   */
  public MVRegister<V> write(ReplicaId replica, V value) {
    return wrap(written(prepare(replica, value), value));
  }

  private CausalState<ValuedPresence<V, Set<V>>> written(Write write, V value) {
    ValuedPresence<V, Set<V>> written =
        state.store().withOnly(write.dot, value, write.needsToken ? write.token : null);
    return state.withMinted(written, write.minted);
  }

  /**
   * The delta of {@link #write}: the value under its dot, the dots it replaces as observed, and, once the register
   * has been collected, a token (if a replaced value may be collapsed somewhere) and a floor.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @param value   the value; not null, immutable, with value-based equals and hashCode
   * @return the delta
   */
  public MVRegister<V> deltaWrite(ReplicaId replica, V value) {
    Write write = prepare(replica, value);
    DotSet token = write.needsToken ? DotSet.of(write.token) : DotSet.EMPTY;
    ValuedPresence<V, Set<V>> delta = ValuedPresence.single(folding(), write.dot, value, token, state.deltaFloor());
    return wrap(state.delta(delta, state.store().dots(), write.minted, written(write, value)));
  }

  /**
   * A write about to be made: its dot, and whether it must also leave a token (a replaced value is collapsed, or at
   * or below the stable cut, so collapsed somewhere: GC.md, rule 7), which gets a dot of its own.
   */
  private record Write(Dot dot, Dot token, boolean needsToken, List<Dot> minted) {}

  private Write prepare(ReplicaId replica, V value) {
    Objects.requireNonNull(value, "MVRegister value");
    Dot dot = state.context().nextDot(Objects.requireNonNull(replica, "replica"));
    boolean needsToken = state.store().presence().removeNeedsToken(state.cuts().stable());
    Dot token = dot.next();
    return new Write(dot, token, needsToken, needsToken ? List.of(dot, token) : List.of(dot));
  }

  /**
   * The values of the concurrent writes not yet replaced: empty if never written, one value if no conflict.
   *
   * @return the kept values, as a Vavr set
   */
  public Set<V> value() {
    Set<V> value = state.store().value();
    return value == null ? LinkedHashSet.empty() : value;
  }

  /**
   * The values of the concurrent writes not yet replaced as an unmodifiable {@code java.util.Set}, for Java code that
   * does not use Vavr. It is a view of {@link #value()}, not a copy of it: {@code size}, {@code contains} and iteration
   * are answered by the Vavr value, and mutators throw {@link UnsupportedOperationException}.
   *
   * @return a view of the value of this state (a later state is another object, and does not change it)
   */
  public java.util.Set<V> valueAsJava() {
    return JavaViews.set(value());
  }

  /** Each kept value with the dot of its write (values kept without a dot: {@link #collapsedValues()}). */
  SortedMap<Dot, V> writes() {
    return state.store().values();
  }

  /** The kept values that every replica knows to be stable, kept without a dot (crdt-gc's GC.md). */
  Set<V> collapsedValues() {
    Set<V> collapsed = state.store().collapsedValue();
    return collapsed == null ? LinkedHashSet.empty() : collapsed;
  }

  /** The tokens of writes that replaced collapsed values, still held (until stable). */
  SortedSet<Dot> tokens() {
    return state.store().presence().tokens().dots();
  }

  /** The tokens held: what collection at stability reclaims. */
  @Override
  public int tombstones() {
    return state.store().presence().tokens().size();
  }

  @Override
  public MVRegister<V> bottom() {
    return empty();
  }

  @SuppressWarnings("unchecked")
  private static <V> ValuedPresence.Folding<V, Set<V>> folding() {
    return (ValuedPresence.Folding<V, Set<V>>) SET;
  }

  /** {@code MVRegister{a:2=red, b:1=blue} | seen {a:2, b:1}}. */
  @Override
  public String toString() {
    String writes = writes().iterator().map(write -> write._1 + "=" + write._2).mkString("{", ", ", "}");
    String collapsed = collapsedValues().isEmpty() ? "" : " stable " + collapsedValues().mkString("{", ", ", "}");
    String tokens = tokens().isEmpty() ? "" : " tokens" + tokens().mkString("[", ", ", "]");
    return "MVRegister" + writes + collapsed + tokens + " | seen " + state.context()
        + (state.cuts().equals(Cuts.NONE) ? "" : " | collected at " + state.cuts());
  }
}
