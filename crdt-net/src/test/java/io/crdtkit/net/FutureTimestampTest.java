package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.LWWMap;
import io.crdtkit.clock.HlcTimestamp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * A member whose clock runs an hour ahead writes to an LWWMap (issue 13): its states are refused where they
 * arrive, counted with their sender, and the other members keep writing through their clocks. Before, the merge
 * accepted the timestamp, and every later local write failed until the local clock caught up.
 */
class FutureTimestampTest {

  private static final TypeReference<LWWMap<String, String>> SETTINGS = new TypeReference<>() {};
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @Test
  void aStateFromAClockAnHourAheadIsRefusedWhereItArrivesAndLocalWritesGoOn() {
    try (InJvmCluster cluster = InJvmCluster.of(2)) {
      CrdtNode honest = cluster.get(0);
      CrdtNode skewed = cluster.get(1);
      Replicated<LWWMap<String, String>> here = honest.register("settings", LWWMap.empty(), SETTINGS);
      Replicated<LWWMap<String, String>> there = skewed.register("settings", LWWMap.empty(), SETTINGS);
      long anHourAhead = System.currentTimeMillis() + Duration.ofHours(1).toMillis();

      there.update((map, self) -> map.deltaPut(HlcTimestamp.of(anHourAhead, 0, self), "theme", "dark"));

      await().atMost(DEADLINE).until(() -> honest.stats().refused().get(RefusalCause.FUTURE_TIMESTAMP) > 0);
      assertThat(here.value().get("theme").isEmpty()).isTrue();
      here.update((map, self) -> map.deltaPut(honest.clock(), "lang", "en"));   // no ClockOffsetException
      assertThat(here.value().get("lang").get()).isEqualTo("en");
      await().atMost(DEADLINE).until(() -> there.value().get("lang").isDefined());
    }
  }
}
