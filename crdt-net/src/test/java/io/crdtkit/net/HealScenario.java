package io.crdtkit.net;

import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtMappers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The healing measurement of the issue: {@code members} in-JVM members replicate {@code keys} counters, split
 * into a majority and a minority (3 : 2 for five members, 2 : 1 for three, 5 : 4 for nine), write {@code divergence} of the keys (half on each side), heal; it reports how long convergence took after
 * the MergeView and how many bytes crdt-net sent for it, against the size of one full state. The benchmark report
 * (benchmarks/, through this module's test-jar) runs it too.
 */
public final class HealScenario {

  public record Result(int members, int keys, int divergentKeys, long fullStateBytes, long fullStateFrameBytes,
      long healBytes, long healMessages, long healBytesDelivered, long mergeViewMillis,
      long convergedAfterMergeMillis) {

    public double bytesPercentOfFullState() {
      return 100.0 * healBytes / fullStateBytes;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d members, %,d keys, %,d divergent (%.1f%%): MergeView %d ms after the heal, "
              + "converged %d ms after the MergeView; sent %,d bytes in %,d messages = %.2f%% of the full state (%,d "
              + "bytes; %,d as one compressed frame: %.2f%%); delivered %,d bytes (a multicast counts once per "
              + "receiver) = %.2f%%",
          members, keys, divergentKeys, 100.0 * divergentKeys / keys, mergeViewMillis, convergedAfterMergeMillis,
          healBytes, healMessages, bytesPercentOfFullState(), fullStateBytes, fullStateFrameBytes,
          100.0 * healBytes / fullStateFrameBytes, healBytesDelivered,
          100.0 * healBytesDelivered / fullStateBytes);
    }
  }

  private HealScenario() {}

  public static Result run(int members, int keys, double divergence, Duration deadline) {
    if (members < 2) {
      throw new IllegalArgumentException("a partition needs two members or more, got " + members);
    }
    // the first member of the minority side: 3 of 5, 2 of 3, 5 of 9
    int minority = members - members / 2;
    try (InJvmCluster cluster = InJvmCluster.of(members,
        builder -> builder.antiEntropyInterval(Duration.ofSeconds(2)).maxMessageBytes(60_000))) {
      List<CrdtNode> nodes = cluster.nodes();
      List<List<Replicated<GCounter>>> counters = new ArrayList<>();
      for (CrdtNode node : nodes) {
        List<Replicated<GCounter>> mine = new ArrayList<>(keys);
        for (int k = 0; k < keys; k++) {
          mine.add(node.register("counter-" + k, GCounter.empty(), GCounter.class));
        }
        counters.add(mine);
      }
      for (int k = 0; k < keys; k++) {
        counters.get(k % members).get(k).update((c, self) -> c.deltaIncrement(self, 1));
      }
      awaitEverywhere(counters, 0, keys, 1, deadline);
      awaitQuiet(nodes, deadline);

      cluster.split(nodes.subList(0, minority), nodes.subList(minority, members));
      int divergent = (int) Math.round(keys * divergence);
      for (int d = 0; d < divergent; d++) {
        int key = (int) ((long) d * keys / divergent);
        int writer = d % 2 == 0 ? 0 : minority;
        counters.get(writer).get(key).update((c, self) -> c.deltaIncrement(self, 1));
      }
      List<Integer> written = new ArrayList<>();
      for (int d = 0; d < divergent; d++) {
        written.add((int) ((long) d * keys / divergent));
      }
      // Let each side settle, so that only the divergence is left to heal.
      await().atMost(deadline).until(() -> nodes.stream().allMatch(n -> n.stats().messagesSent() > 0));
      awaitSides(counters, written, members, minority);
      awaitQuiet(nodes, deadline);

      long bytesBefore = nodes.stream().mapToLong(n -> n.stats().bytesSent()).sum();
      long deliveredBefore = nodes.stream().mapToLong(n -> n.stats().bytesReceived()).sum();
      long messagesBefore = nodes.stream().mapToLong(n -> n.stats().messagesSent()).sum();
      long mergesBefore = nodes.stream().mapToLong(n -> n.stats().mergeViews()).sum();
      long healing = System.nanoTime();
      cluster.heal();
      await().atMost(deadline).pollInterval(Duration.ofMillis(5))
          .until(() -> nodes.get(0).stats().mergeViews() > 0 && nodes.stream().mapToLong(n -> n.stats().mergeViews())
              .sum() > mergesBefore);
      long merged = System.nanoTime();
      await().atMost(deadline).pollInterval(Duration.ofMillis(5)).until(() -> written.stream().allMatch(key ->
          counters.stream().allMatch(mine -> mine.get(key).value().value() == 2)));
      long converged = System.nanoTime();
      long healBytes = nodes.stream().mapToLong(n -> n.stats().bytesSent()).sum() - bytesBefore;
      long healMessages = nodes.stream().mapToLong(n -> n.stats().messagesSent()).sum() - messagesBefore;
      long delivered = nodes.stream().mapToLong(n -> n.stats().bytesReceived()).sum() - deliveredBefore;
      return new Result(members, keys, divergent, fullStateBytes(counters.get(0)), fullStateFrameBytes(nodes.get(0)),
          healBytes, healMessages, delivered,
          (merged - healing) / 1_000_000, (converged - merged) / 1_000_000);
    }
  }

  private static void awaitEverywhere(List<List<Replicated<GCounter>>> counters, int from, int to, long value,
      Duration deadline) {
    await().atMost(deadline).pollInterval(Duration.ofMillis(50)).until(() -> counters.stream().allMatch(mine ->
        mine.subList(from, to).stream().allMatch(c -> c.value().value() == value)));
  }

  /** Every member compared equal with every peer of its view, and the last rounds are over. */
  private static void awaitQuiet(List<CrdtNode> nodes, Duration deadline) {
    await().atMost(deadline).pollInterval(Duration.ofMillis(50))
        .until(() -> nodes.stream().allMatch(n -> n.stats().inSyncWithAllPeers()));
    long[] sent = {-1};
    await().atMost(deadline).pollInterval(Duration.ofMillis(300)).until(() -> {
      long now = nodes.stream().mapToLong(n -> n.stats().statesSent()).sum();
      boolean quiet = now == sent[0];
      sent[0] = now;
      return quiet;
    });
  }

  private static void awaitSides(List<List<Replicated<GCounter>>> counters, List<Integer> written, int members,
      int minority) {
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
      for (int d = 0; d < written.size(); d++) {
        int key = written.get(d);
        int from = d % 2 == 0 ? 0 : minority;
        int to = d % 2 == 0 ? minority : members;
        for (int m = from; m < to; m++) {
          if (counters.get(m).get(key).value().value() != 2) {
            return false;
          }
        }
      }
      return true;
    });
  }

  /** One member's whole store as one States frame, compressed as the node would send it. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static long fullStateFrameBytes(CrdtNode node) {
    List<WireMessage.KeyBytes> states = new ArrayList<>();
    for (KeyEntry entry : node.engine().keys().values()) {
      states.add(new WireMessage.KeyBytes(entry.name, entry.encode(entry.state())));
    }
    return FrameCodec.encode(new Frame(node.replica(), 0, new WireMessage.States(states, List.of()))).length;
  }

  /** One member's whole store as anti-entropy would send it: every key's name and state document. */
  private static long fullStateBytes(List<Replicated<GCounter>> store) {
    CrdtCodec<GCounter> codec = CrdtCodec.of(CrdtMappers.smile(), GCounter.class);
    long bytes = 0;
    for (Replicated<GCounter> counter : store) {
      bytes += counter.key().getBytes(StandardCharsets.UTF_8).length + 2 + 4 + codec.encode(counter.value()).length;
    }
    return bytes;
  }
}
