package io.crdtkit.jackson;

import static io.crdtkit.jackson.Codecs.doc;
import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.LWWMap;
import io.crdtkit.MVRegister;
import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * A document that decodes merges with any valid state (issue 13): forged input that reuses a dot or a timestamp
 * of a real write with another value cannot be told from a valid state by itself, so the merge is total instead of
 * refusing (crdt-core's Conflicts): it keeps one of the two, the same in either order.
 */
class ForgedInputMergesTest {

  private static final ReplicaId A = ReplicaId.of("a");

  @Test
  void anMvRegisterThatReusesARealDotWithAnotherValue() {
    MVRegister<String> real = MVRegister.<String>empty().write(A, "real");
    MVRegister<String> forged = CrdtCodec.of(Codecs.JSON, new TypeReference<MVRegister<String>>() {}).decode(
        doc("{'type':'MVRegister','version':2,'replicas':['a'],'writes':[[0,1,'forged']],"
            + "'context':{'clock':[0,1],'cloud':[]}}"));

    assertThat(real.merge(forged)).isEqualTo(forged.merge(real));
    assertThat(real.merge(forged).value()).hasSize(1);
  }

  @Test
  void anLwwMapThatReusesARealTimestampWithAnotherValue() {
    LWWMap<String, String> real = LWWMap.<String, String>empty().put(HlcTimestamp.of(1_000, 0, A), "theme", "dark");
    LWWMap<String, String> forged = CrdtCodec.of(Codecs.JSON, new TypeReference<LWWMap<String, String>>() {})
        .decode(doc("{'type':'LWWMap','version':2,'replicas':['a'],'entries':[1000,0,0,'theme','pink'],'removed':[],"
            + "'dots':[[0,1,0]],'context':{'clock':[0,1],'cloud':[]}}"));

    assertThat(real.merge(forged).value()).isEqualTo(forged.merge(real).value());
  }

  @Test
  void anOrMapWhoseUpdateReusesARealDotWithAnotherDelta() {
    ORMap<String, PNCounter> real = ORMap.<String, PNCounter>empty(PNCounter.empty())
        .update(A, "milk", quantity -> quantity.deltaIncrement(A, 2));
    ORMap<String, PNCounter> forged = CrdtCodec.of(Codecs.JSON, new TypeReference<ORMap<String, PNCounter>>() {})
        .decode(doc("{'type':'ORMap','version':2,'replicas':['a'],'bottom':{'increments':[],'decrements':[]},"
            + "'entries':[[0,1,'milk',{'increments':[0,1000000],'decrements':[]}]],"
            + "'context':{'clock':[0,1],'cloud':[]}}"));

    assertThat(real.merge(forged)).isEqualTo(forged.merge(real));
  }
}
