package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import io.crdtkit.ORSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * Issue 17, failures 1 and 3: a key registered with different types on two members. Anti-entropy bundles every
 * differing key into one frame; the mismatched key's entries are refused alone (counted, logged once per cause and
 * peer), and every other key in the same frames converges. Element types count: {@code ORSet<String>} and
 * {@code ORSet<Integer>} are different types, not a conversion.
 */
class PerKeyRefusalTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final TypeReference<ORSet<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<ORSet<Integer>> INTEGERS = new TypeReference<>() {};

  @Test
  void aKeyOfAnotherTypeOnOneMemberHoldsBackNoOtherKeyAndIsLoggedOnce() {
    try (LogCapture log = LogCapture.start(); InJvmCluster cluster = InJvmCluster.of(2)) {
      CrdtNode a = cluster.get(0);
      CrdtNode b = cluster.get(1);
      Replicated<ORSet<String>> mixedOnA = a.register("mixed", ORSet.empty(), STRINGS);
      Replicated<GCounter> mixedOnB = b.register("mixed", GCounter.empty(), GCounter.class);
      List<Replicated<GCounter>> goodOnA = List.of(a.register("good-1", GCounter.empty(), GCounter.class),
          a.register("good-2", GCounter.empty(), GCounter.class));
      List<Replicated<GCounter>> goodOnB = List.of(b.register("good-1", GCounter.empty(), GCounter.class),
          b.register("good-2", GCounter.empty(), GCounter.class));

      // One update of each key on each side: every flush and every anti-entropy frame carries all three keys.
      mixedOnA.update((set, self) -> set.deltaAdd(self, "x"));
      mixedOnB.update((counter, self) -> counter.deltaIncrement(self, 5));
      goodOnA.forEach(good -> good.update((counter, self) -> counter.deltaIncrement(self, 1)));
      goodOnB.forEach(good -> good.update((counter, self) -> counter.deltaIncrement(self, 2)));

      await().atMost(DEADLINE).untilAsserted(() -> {
        assertThat(goodOnA).allSatisfy(good -> assertThat(good.value().value()).isEqualTo(3));
        assertThat(goodOnB).allSatisfy(good -> assertThat(good.value().value()).isEqualTo(3));
      });
      assertThat(mixedOnA.value().value()).containsExactly("x");
      assertThat(mixedOnB.value().value()).isEqualTo(5);

      // Anti-entropy keeps finding the key different and keeps sending it: let it run a few more rounds.
      long refusedSoFar = a.stats().refused().getOrDefault(RefusalCause.TYPE_MISMATCH, 0L);
      await().atMost(DEADLINE).until(() -> a.stats().refused().getOrDefault(RefusalCause.TYPE_MISMATCH, 0L) >= refusedSoFar + 4
          && b.stats().refused().getOrDefault(RefusalCause.TYPE_MISMATCH, 0L) >= 4);
      assertThat(log.lines("WARN", "'mixed'", "TYPE_MISMATCH"))
          .as("one line per node and peer, not one per round")
          .hasSize(2)
          .anySatisfy(line -> assertThat(line).contains("of type io.crdtkit.GCounter, registered here as "
              + "io.crdtkit.ORSet<java.lang.String>"))
          .anySatisfy(line -> assertThat(line).contains("of type io.crdtkit.ORSet<java.lang.String>, registered "
              + "here as io.crdtkit.GCounter"));
      assertThat(log.lines("ERROR")).isEmpty();
    }
  }

  @Test
  void setsOfDifferentElementTypesAreRefusedNotConverted() {
    try (LogCapture log = LogCapture.start(); InJvmCluster cluster = InJvmCluster.of(2)) {
      CrdtNode a = cluster.get(0);
      CrdtNode b = cluster.get(1);
      Replicated<ORSet<String>> onA = a.register("ids", ORSet.empty(), STRINGS);
      Replicated<ORSet<Integer>> onB = b.register("ids", ORSet.empty(), INTEGERS);
      Replicated<GCounter> goodOnA = a.register("good", GCounter.empty(), GCounter.class);
      Replicated<GCounter> goodOnB = b.register("good", GCounter.empty(), GCounter.class);

      onA.update((set, self) -> set.deltaAdd(self, "42"));
      onB.update((set, self) -> set.deltaAdd(self, 7));
      goodOnA.update((counter, self) -> counter.deltaIncrement(self, 1));

      await().atMost(DEADLINE).until(() -> goodOnB.value().value() == 1
          && a.stats().refused().getOrDefault(RefusalCause.TYPE_MISMATCH, 0L) >= 1 && b.stats().refused().getOrDefault(RefusalCause.TYPE_MISMATCH, 0L) >= 1);
      assertThat(onA.value().value()).containsExactly("42");
      assertThat(onB.value().value()).containsExactly(7);
      assertThat(log.lines("WARN", "'ids'", "io.crdtkit.ORSet<java.lang.Integer>", "io.crdtkit.ORSet<java.lang.String>"))
          .isNotEmpty();
    }
  }
}
