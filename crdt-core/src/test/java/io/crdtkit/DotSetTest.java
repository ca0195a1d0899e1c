package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link DotSet} keeps one dot as the dot alone: both forms must be the same value. */
class DotSetTest {

  private static final Dot A1 = Dot.of(ReplicaId.of("a"), 1);
  private static final Dot B2 = Dot.of(ReplicaId.of("b"), 2);

  @Test
  void oneDotIsTheSameValueWhicheverWayItWasBuilt() {
    DotSet alone = DotSet.of(A1);
    DotSet fromASortedSet = new DotSet(TreeSet.of(A1));

    assertThat(alone).isEqualTo(fromASortedSet).hasSameHashCodeAs(fromASortedSet);
    assertThat(alone.dots()).containsExactly(A1);
    assertThat(alone.size()).isEqualTo(1);
    assertThat(alone.contains(A1)).isTrue();
    assertThat(alone.contains(B2)).isFalse();
    assertThat(alone.isEmpty()).isFalse();
    assertThat(alone).hasToString("[a:1]");
  }

  @Test
  void severalDotsAndNoneAreNotOneDot() {
    DotSet two = new DotSet(TreeSet.of(B2, A1));

    assertThat(two).isNotEqualTo(DotSet.of(A1)).isNotEqualTo(DotSet.EMPTY);
    assertThat(DotSet.of(A1)).isNotEqualTo(two).isNotEqualTo(DotSet.EMPTY);
    assertThat(two.dots()).containsExactly(A1, B2);
    assertThat(two.size()).isEqualTo(2);
    assertThat(two.hashCode()).isEqualTo(A1.hashCode() + B2.hashCode());
    assertThat(DotSet.EMPTY.isEmpty()).isTrue();
    assertThat(DotSet.EMPTY.size()).isZero();
    assertThat(new DotSet(TreeSet.empty())).isEqualTo(DotSet.EMPTY);
  }
}
