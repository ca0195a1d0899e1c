package io.crdtkit.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HlcTimestamp}: the total order by (wallTime, logical, replica), validation and the text form. */
class HlcTimestampTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");

  @Test
  void wallTimeDecidesFirst() {
    assertThat(HlcTimestamp.of(2, 0, A)).isGreaterThan(HlcTimestamp.of(1, 99, B));
    assertThat(HlcTimestamp.of(2, 0, A).isAfter(HlcTimestamp.of(1, 99, B))).isTrue();
  }

  @Test
  void logicalDecidesWithinTheSameWallTime() {
    assertThat(HlcTimestamp.of(5, 2, A)).isGreaterThan(HlcTimestamp.of(5, 1, B));
    assertThat(HlcTimestamp.of(5, 1, B).isAfter(HlcTimestamp.of(5, 2, A))).isFalse();
  }

  @Test
  void replicaBreaksTiesSoConcurrentWritesHaveOneWinner() {
    HlcTimestamp fromA = HlcTimestamp.of(5, 1, A);
    HlcTimestamp fromB = HlcTimestamp.of(5, 1, B);
    assertThat(fromB).isGreaterThan(fromA);
    assertThat(fromB.isAfter(fromA)).isTrue();
    assertThat(fromA.isAfter(fromB)).isFalse();
    assertThat(fromA).isNotEqualTo(fromB);
  }

  @Test
  void sortsLexicographicallyByWallTimeLogicalReplica() {
    List<HlcTimestamp> sorted = List.of(
            HlcTimestamp.of(10, 0, B), HlcTimestamp.of(9, 3, A), HlcTimestamp.of(10, 0, A),
            HlcTimestamp.of(9, 10, A), HlcTimestamp.of(0, 0, B))
        .stream().sorted().toList();
    assertThat(sorted).containsExactly(
        HlcTimestamp.of(0, 0, B), HlcTimestamp.of(9, 3, A), HlcTimestamp.of(9, 10, A),
        HlcTimestamp.of(10, 0, A), HlcTimestamp.of(10, 0, B));
  }

  @Test
  void compareToIsConsistentWithEquals() {
    HlcTimestamp t = HlcTimestamp.of(7, 3, A);
    assertThat(t.compareTo(HlcTimestamp.of(7, 3, ReplicaId.of("a")))).isZero();
    assertThat(t).isEqualTo(new HlcTimestamp(7, 3, A)).hasSameHashCodeAs(HlcTimestamp.of(7, 3, A));
    assertThat(t.isAfter(t)).isFalse();
  }

  @Test
  void rejectsNegativeWallTime() {
    assertThatThrownBy(() -> HlcTimestamp.of(-1, 0, A))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wall time must be >= 0, got -1");
  }

  @Test
  void rejectsNegativeLogical() {
    assertThatThrownBy(() -> HlcTimestamp.of(0, -1, A))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logical counter must be >= 0, got -1");
  }

  @Test
  void rejectsNullReplica() {
    assertThatThrownBy(() -> HlcTimestamp.of(0, 0, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("timestamp replica");
  }

  @Test
  void acceptsTheBounds() {
    assertThat(HlcTimestamp.of(0, 0, A).wallTime()).isZero();
    assertThat(HlcTimestamp.of(Long.MAX_VALUE, Integer.MAX_VALUE, A).logical()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void toStringIsWallTimeDotLogicalAtReplica() {
    assertThat(HlcTimestamp.of(1732872000000L, 2, A)).hasToString("1732872000000.2@a");
  }
}
