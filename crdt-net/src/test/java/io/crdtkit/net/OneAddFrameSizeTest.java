package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.ORSet;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtMappers;
import io.crdtkit.net.WireMessage.Deltas;
import io.crdtkit.net.WireMessage.KeyBytes;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * What one add costs on the wire (NET.md, §6, "One add on the wire"): the frame {@link DeltaFlush} sends for a
 * single {@code deltaAdd} of a key of {@code ORSet<String>}, field by field. A byte count of the encoding, exact.
 */
class OneAddFrameSizeTest {

  private static final TypeReference<ORSet<String>> SET_OF_STRINGS = new TypeReference<>() {};

  @Test
  void aOneAddDeltaInItsFrame() {
    ReplicaId self = ReplicaId.of("cart-node-7f3a9c01e2d4");            // as ReplicaId.fresh("cart-node") names one
    ORSet<String> set = ORSet.empty();
    for (int i = 0; i < 1_000; i++) {
      set = set.add(self, "item-" + i);
    }
    byte[] document = CrdtCodec.of(CrdtMappers.smile(), SET_OF_STRINGS).encode(set.deltaAdd(self, "fresh-0"));
    String type = CrdtKeyType.of(SET_OF_STRINGS, ORSet.empty()).id();
    byte[] frame = FrameCodec.encode(new Frame(self, 0, new Deltas(List.of(new KeyBytes("cart", document, type)))));

    assertThat(type).isEqualTo("io.crdtkit.ORSet<java.lang.String>");
    // The benchmark's 59 B (EncodedSizes), less "r0" (3 B), plus this id (23 B), less a byte for counter 1,001.
    assertThat(document).hasSize(78);
    int header = 1 + 1 + (2 + self.name().length()) + 8;            // version, kind, sender, epoch
    int types = 4 + 2 + type.length();                             // the frame's table of key types
    int entry = 4 + (2 + "cart".length()) + 2 + 4;                 // entry count, key, type index, document length
    assertThat(frame).hasSize(header + types + entry + document.length);
    assertThat(frame).hasSize(34 + 40 + 16 + 78);
  }
}
