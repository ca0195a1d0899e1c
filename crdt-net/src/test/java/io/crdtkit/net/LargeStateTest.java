package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GSet;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtMappers;
import java.time.Duration;
import org.jgroups.Message;
import org.jgroups.protocols.TP;
import org.jgroups.stack.Protocol;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/** States larger than the maximum message size travel in chunks, and every message stays within the limit. */
class LargeStateTest {

  private static final TypeReference<GSet<String>> TAGS = new TypeReference<>() {};
  private static final int MAX_MESSAGE = 2_048;

  /** Records the largest payload the node hands to JGroups. */
  static final class LargestMessage extends Protocol {
    volatile int largest;

    @Override
    public Object down(Message message) {
      largest = Math.max(largest, message.getLength());
      return down_prot.down(message);
    }
  }

  @Test
  void aLargeStateReachesAJoinerInChunksWithinTheMaximumMessageSize() throws Exception {
    try (InJvmCluster cluster = InJvmCluster.of(1, builder -> builder.maxMessageBytes(MAX_MESSAGE))) {
      CrdtNode first = cluster.get(0);
      LargestMessage watch = new LargestMessage();
      first.channel().getProtocolStack().insertProtocol(watch, ProtocolStack.Position.BELOW,
          org.jgroups.protocols.pbcast.NAKACK2.class);
      Replicated<GSet<String>> tags = first.register("tags", GSet.empty(), TAGS);
      for (int i = 0; i < 2_000; i++) {
        String tag = "tag-" + i;
        tags.update((set, self) -> set.deltaAdd(tag));
      }
      int stateBytes = CrdtCodec.of(CrdtMappers.smile(), TAGS).encode(tags.value()).length;
      assertThat(stateBytes).isGreaterThan(4 * MAX_MESSAGE);

      CrdtNode joiner = cluster.startNode("joiner");
      Replicated<GSet<String>> joined = joiner.register("tags", GSet.empty(), TAGS);
      cluster.awaitOneView();
      await().atMost(Duration.ofSeconds(15)).until(() -> joined.value().equals(tags.value()));
      assertThat(watch.largest).isPositive().isLessThanOrEqualTo(MAX_MESSAGE);
    }
  }
}
