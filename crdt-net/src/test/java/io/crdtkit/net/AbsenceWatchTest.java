package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.clock.ReplicaId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The absence clocks of {@code retireAbsentAfter}: when they start, when they reset, and when they may act. */
class AbsenceWatchTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();
  private final ReplicaId a = ReplicaId.of("a");
  private final ReplicaId b = ReplicaId.of("b");
  private final ReplicaId c = ReplicaId.of("c");
  private final AbsenceWatch watch = new AbsenceWatch(Duration.ofSeconds(5));

  @Test
  void aReplicaIsOverdueOnlyOnceAbsentForTheWholeTimeout() {
    assertThat(watch.overdue(List.of(a, b, c), List.of(a, b), 0)).isEmpty();
    assertThat(watch.overdue(List.of(a, b, c), List.of(a, b), 4 * SECOND)).isEmpty();
    assertThat(watch.overdue(List.of(a, b, c), List.of(a, b), 5 * SECOND))
        .containsExactlyEntriesOf(java.util.Map.of(c, Duration.ofSeconds(5)));
  }

  @Test
  void comingBackResetsTheClock() {
    watch.overdue(List.of(a, b, c), List.of(a, b), 0);
    watch.overdue(List.of(a, b, c), List.of(a, b, c), 4 * SECOND);
    assertThat(watch.overdue(List.of(a, b, c), List.of(a, b), 6 * SECOND)).isEmpty();
    assertThat(watch.overdue(List.of(a, b, c), List.of(a, b), 11 * SECOND)).containsOnlyKeys(c);
  }

  @Test
  void aViewWithoutAStrictMajorityOfTheReplicaSetRetiresNobody() {
    ReplicaId d = ReplicaId.of("d");
    watch.overdue(List.of(a, b, c, d), List.of(a, b), 0);
    assertThat(watch.overdue(List.of(a, b, c, d), List.of(a, b), 60 * SECOND)).isEmpty();
    assertThat(watch.overdue(List.of(a, b, c, d), List.of(a, b, c), 61 * SECOND)).containsOnlyKeys(d);
  }
}
