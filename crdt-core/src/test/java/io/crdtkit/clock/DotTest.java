package io.crdtkit.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Dot}: validation with messages naming the bad counter, {@code next()}, the order and the text form. */
class DotTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");

  @Test
  void countersStartAtOne() {
    assertThat(Dot.of(A, 1).counter()).isEqualTo(1);
    assertThat(Dot.of(A, Long.MAX_VALUE).counter()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void rejectsZeroCounterNamingCounterAndReplica() {
    assertThatThrownBy(() -> Dot.of(A, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dot counter must be >= 1")
        .hasMessageContaining("got 0 for a");
  }

  @Test
  void rejectsNegativeCounter() {
    assertThatThrownBy(() -> Dot.of(B, -5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got -5 for b");
  }

  @Test
  void rejectsNullReplica() {
    assertThatThrownBy(() -> Dot.of(null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("dot replica");
  }

  @Test
  void nextIsTheFollowingCounterOfTheSameReplica() {
    assertThat(Dot.of(A, 3).next()).isEqualTo(Dot.of(A, 4));
  }

  @Test
  void nextFailsInsteadOfWrappingAround() {
    assertThatThrownBy(() -> Dot.of(A, Long.MAX_VALUE).next()).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void ordersByReplicaThenCounterNumerically() {
    List<Dot> dots = List.of(Dot.of(B, 1), Dot.of(A, 10), Dot.of(A, 2), Dot.of(B, 0x7f), Dot.of(A, 1));
    assertThat(dots.stream().sorted())
        .containsExactly(Dot.of(A, 1), Dot.of(A, 2), Dot.of(A, 10), Dot.of(B, 1), Dot.of(B, 0x7f));
  }

  @Test
  void compareToIsConsistentWithEquals() {
    assertThat(Dot.of(A, 2).compareTo(Dot.of(A, 2))).isZero();
    assertThat(Dot.of(A, 2)).isEqualTo(new Dot(ReplicaId.of("a"), 2)).hasSameHashCodeAs(Dot.of(A, 2));
    assertThat(Dot.of(A, 2)).isNotEqualTo(Dot.of(B, 2)).isNotEqualTo(Dot.of(A, 3));
  }

  @Test
  void toStringIsReplicaColonCounter() {
    assertThat(Dot.of(A, 3)).hasToString("a:3");
  }
}
