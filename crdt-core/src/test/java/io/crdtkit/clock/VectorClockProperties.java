package io.crdtkit.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link VectorClock} as a join-semilattice: merge is commutative, associative and idempotent and is the least
 * upper bound of the pointwise order; {@code compare} agrees with {@code isLessOrEqual} and is antisymmetric.
 * Counters are drawn from 0..4 over 3 replicas so that equal and ordered clocks occur often.
 */
class VectorClockProperties {

  private static final List<ReplicaId> REPLICAS = List.of(ReplicaId.of("a"), ReplicaId.of("b"), ReplicaId.of("c"));

  @Provide
  Arbitrary<VectorClock> clocks() {
    return Arbitraries.maps(Arbitraries.of(REPLICAS), Arbitraries.longs().between(0, 4))
        .ofMaxSize(REPLICAS.size())
        .map(VectorClock::of);
  }

  @Property
  void mergeIsCommutative(@ForAll("clocks") VectorClock x, @ForAll("clocks") VectorClock y) {
    assertThat(x.merge(y)).isEqualTo(y.merge(x));
  }

  @Property
  void mergeIsAssociative(
      @ForAll("clocks") VectorClock x, @ForAll("clocks") VectorClock y, @ForAll("clocks") VectorClock z) {
    assertThat(x.merge(y).merge(z)).isEqualTo(x.merge(y.merge(z)));
  }

  @Property
  void mergeIsIdempotent(@ForAll("clocks") VectorClock x) {
    assertThat(x.merge(x)).isSameAs(x);
    assertThat(x.merge(VectorClock.of(Map.copyOf(x.entries().toJavaMap())))).isSameAs(x);
  }

  @Property
  void mergeIsTheLeastUpperBound(
      @ForAll("clocks") VectorClock x, @ForAll("clocks") VectorClock y, @ForAll("clocks") VectorClock z) {
    VectorClock join = x.merge(y);
    assertThat(x.isLessOrEqual(join)).isTrue();
    assertThat(y.isLessOrEqual(join)).isTrue();
    // Least: any upper bound of both is above the join.
    boolean zIsAnUpperBound = x.isLessOrEqual(z) && y.isLessOrEqual(z);
    assertThat(join.isLessOrEqual(z)).isEqualTo(zIsAnUpperBound);
    for (ReplicaId replica : REPLICAS) {
      assertThat(join.get(replica)).isEqualTo(Math.max(x.get(replica), y.get(replica)));
    }
  }

  @Property
  void mergeReturnsThisExactlyWhenTheOtherIsCovered(@ForAll("clocks") VectorClock x, @ForAll("clocks") VectorClock y) {
    assertThat(x.merge(y) == x).isEqualTo(y.isLessOrEqual(x));
  }

  @Property
  void isLessOrEqualAgreesWithMerge(@ForAll("clocks") VectorClock x, @ForAll("clocks") VectorClock y) {
    assertThat(x.isLessOrEqual(y)).isEqualTo(x.merge(y).equals(y));
  }

  @Property
  void compareIsConsistentWithIsLessOrEqual(@ForAll("clocks") VectorClock x, @ForAll("clocks") VectorClock y) {
    boolean xBelow = x.isLessOrEqual(y);
    boolean yBelow = y.isLessOrEqual(x);
    CausalOrder expected = xBelow && yBelow ? CausalOrder.EQUAL
        : xBelow ? CausalOrder.BEFORE
        : yBelow ? CausalOrder.AFTER
        : CausalOrder.CONCURRENT;
    assertThat(x.compare(y)).isEqualTo(expected);
    assertThat(x.compare(y) == CausalOrder.EQUAL).isEqualTo(x.equals(y));
  }

  @Property
  void compareIsAntisymmetric(@ForAll("clocks") VectorClock x, @ForAll("clocks") VectorClock y) {
    assertThat(x.compare(y)).isEqualTo(y.compare(x).reversed());
  }

  @Property
  void intersectIsTheGreatestLowerBound(
      @ForAll("clocks") VectorClock x, @ForAll("clocks") VectorClock y, @ForAll("clocks") VectorClock z) {
    VectorClock meet = x.intersect(y);
    assertThat(meet).isEqualTo(y.intersect(x));
    assertThat(meet.isLessOrEqual(x) && meet.isLessOrEqual(y)).isTrue();
    boolean zIsALowerBound = z.isLessOrEqual(x) && z.isLessOrEqual(y);
    assertThat(z.isLessOrEqual(meet)).isEqualTo(zIsALowerBound);
    assertThat(meet.entries().values()).doesNotContain(0L);
  }

  @Property
  void incrementIsAfterTheOriginal(@ForAll("clocks") VectorClock x, @ForAll("clocks") VectorClock y) {
    for (ReplicaId replica : REPLICAS) {
      VectorClock next = x.increment(replica);
      assertThat(x.compare(next)).isEqualTo(CausalOrder.BEFORE);
      assertThat(next.contains(Dot.of(replica, x.get(replica) + 1))).isTrue();
    }
  }
}
