package io.crdtkit.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link CausalContext} against a model, a plain {@code Set<Dot>}: for dots over 3 replicas with counters
 * 1..20 added in random order, {@code contains}, {@code nextDot}, {@code isLessOrEqual} and {@code merge} agree
 * with the set, and the representation stays canonical (no cloud dot could be moved into the vector clock).
 */
class CausalContextProperties {

  private static final List<ReplicaId> REPLICAS = List.of(ReplicaId.of("a"), ReplicaId.of("b"), ReplicaId.of("c"));
  private static final int MAX_COUNTER = 20;

  /** Every dot the generators can produce, and the dot just beyond for each replica. */
  private static final List<Dot> UNIVERSE = REPLICAS.stream()
      .flatMap(replica -> LongStream.rangeClosed(1, MAX_COUNTER + 1).mapToObj(counter -> Dot.of(replica, counter)))
      .toList();

  private static final List<Dot> GENERATED = UNIVERSE.stream().filter(dot -> dot.counter() <= MAX_COUNTER).toList();

  /**
   * Three shapes of dot sequence, each in random order: any dots with repeats; distinct dots; and long
   * gap-free prefixes with a few extra dots, so that both compaction and a populated cloud are exercised.
   */
  @Provide
  Arbitrary<List<Dot>> dotSequences() {
    Arbitrary<List<Dot>> withRepeats = Arbitraries.of(GENERATED).list().ofMaxSize(70);
    Arbitrary<List<Dot>> distinct =
        Arbitraries.subsetOf(GENERATED).flatMap(dots -> Arbitraries.shuffle(new ArrayList<>(dots)));
    Arbitrary<Integer> prefix = Arbitraries.integers().between(0, MAX_COUNTER);
    Arbitrary<List<Dot>> prefixes = Combinators
        .combine(prefix, prefix, prefix, Arbitraries.subsetOf(GENERATED).ofMaxSize(8))
        .as((a, b, c, extras) -> {
          Set<Dot> dots = new HashSet<>(extras);
          int[] lengths = {a, b, c};
          for (int i = 0; i < REPLICAS.size(); i++) {
            for (long counter = 1; counter <= lengths[i]; counter++) {
              dots.add(Dot.of(REPLICAS.get(i), counter));
            }
          }
          return new ArrayList<>(dots);
        })
        .flatMap(Arbitraries::shuffle);
    return Arbitraries.oneOf(withRepeats, distinct, prefixes);
  }

  private static CausalContext contextOf(List<Dot> dots) {
    return CausalContext.empty().addAll(dots);
  }

  private static void assertMatchesModel(CausalContext context, Set<Dot> model) {
    for (Dot dot : UNIVERSE) {
      assertThat(context.contains(dot)).as("contains %s in %s", dot, context).isEqualTo(model.contains(dot));
    }
  }

  private static void assertCanonical(CausalContext context) {
    VectorClock clock = context.vectorClock();
    for (ReplicaId replica : REPLICAS) {
      Dot nextAfterPrefix = Dot.of(replica, clock.get(replica) + 1);
      assertThat(context.dotCloud()).as("cloud of %s", context).doesNotContain(nextAfterPrefix);
    }
    assertThat(context.dotCloud()).as("cloud of %s", context).noneMatch(clock::contains);
    assertThat(clock.entries().values()).doesNotContain(0L);
  }

  @Property
  void containsMatchesTheModel(@ForAll("dotSequences") List<Dot> dots) {
    CausalContext context = contextOf(dots);
    assertMatchesModel(context, new HashSet<>(dots));
    assertThat(context.isEmpty()).isEqualTo(dots.isEmpty());
  }

  @Property
  void representationIsCanonical(@ForAll("dotSequences") List<Dot> dots) {
    CausalContext context = contextOf(dots);
    assertCanonical(context);
    // Canonical means equal sets of dots give equal values, whatever the order they were added in.
    CausalContext sorted = contextOf(new HashSet<>(dots).stream().sorted().toList());
    assertThat(context).isEqualTo(sorted).hasSameHashCodeAs(sorted);
  }

  @Property
  void everyIntermediateStateIsCanonical(@ForAll("dotSequences") List<Dot> dots) {
    CausalContext context = CausalContext.empty();
    Set<Dot> model = new HashSet<>();
    for (Dot dot : dots) {
      context = context.add(dot);
      model.add(dot);
      assertCanonical(context);
      assertThat(context.contains(dot)).isTrue();
    }
    assertMatchesModel(context, model);
  }

  @Property
  void mergeEqualsTheUnionModel(@ForAll("dotSequences") List<Dot> left, @ForAll("dotSequences") List<Dot> right) {
    CausalContext merged = contextOf(left).merge(contextOf(right));
    Set<Dot> union = new HashSet<>(left);
    union.addAll(right);
    assertMatchesModel(merged, union);
    assertCanonical(merged);
    assertThat(merged).isEqualTo(contextOf(new ArrayList<>(union)));
    assertThat(contextOf(right).merge(contextOf(left))).isEqualTo(merged);
  }

  @Property
  void mergeIsAssociativeAndIdempotent(
      @ForAll("dotSequences") List<Dot> x, @ForAll("dotSequences") List<Dot> y, @ForAll("dotSequences") List<Dot> z) {
    CausalContext cx = contextOf(x);
    CausalContext cy = contextOf(y);
    CausalContext cz = contextOf(z);
    assertThat(cx.merge(cy).merge(cz)).isEqualTo(cx.merge(cy.merge(cz)));
    assertThat(cx.merge(cx)).isSameAs(cx);
  }

  @Property
  void nextDotIsOnePastTheHighestCounterInTheModel(@ForAll("dotSequences") List<Dot> dots) {
    CausalContext context = contextOf(dots);
    for (ReplicaId replica : REPLICAS) {
      long max = dots.stream().filter(dot -> dot.replica().equals(replica)).mapToLong(Dot::counter).max().orElse(0);
      assertThat(context.maxCounter(replica)).isEqualTo(max);
      assertThat(context.nextDot(replica)).isEqualTo(Dot.of(replica, max + 1));
      assertThat(context.contains(context.nextDot(replica))).isFalse();
    }
  }

  @Property
  void isLessOrEqualIsSetInclusion(@ForAll("dotSequences") List<Dot> left, @ForAll("dotSequences") List<Dot> right) {
    CausalContext x = contextOf(left);
    CausalContext y = contextOf(right);
    assertThat(x.isLessOrEqual(y)).isEqualTo(new HashSet<>(right).containsAll(left));
    // The subset case rarely happens between two random sequences; build one explicitly.
    CausalContext union = x.merge(y);
    assertThat(x.isLessOrEqual(union)).isTrue();
    assertThat(union.isLessOrEqual(x)).isEqualTo(new HashSet<>(left).containsAll(right));
  }
}
