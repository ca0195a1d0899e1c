package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.DWFlag;
import io.crdtkit.EWFlag;
import io.crdtkit.GCounter;
import io.crdtkit.GSet;
import io.crdtkit.LWWMap;
import io.crdtkit.LWWRegister;
import io.crdtkit.MVRegister;
import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.PNCounter;
import io.crdtkit.RWSet;
import io.crdtkit.TwoPhaseSet;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.jackson.CrdtMappers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * Measures the encoded size of every type for the comparison table of pick-a-type.adoc, and writes it as
 * AsciiDoc attributes (target/snippets/bytes.adoc) that the table's cells name. The workload is small and
 * stated on the page: 1,000 elements (keys), written in turn by three replicas, nothing removed, Smile as
 * crdt-jackson writes it. For sets and maps the figure is what the CRDT costs beyond the elements alone (the same
 * elements, keys and values written by the same mapper as a plain array or object).
 */
class BytesPerElementTest {

  private static final int ELEMENTS = 1_000;
  private static final List<ReplicaId> REPLICAS =
      List.of(ReplicaId.of("alice"), ReplicaId.of("bob"), ReplicaId.of("carol"));
  private static final long JAN_2026_MILLIS = 1_767_225_600_000L;

  private final SmileMapper smile = CrdtMappers.smile();

  private static ReplicaId writer(int i) {
    return REPLICAS.get(i % REPLICAS.size());
  }

  private static String element(int i) {
    return "item-" + i;
  }

  @Test
  void measureEveryType() {
    List<String> plainElements = new ArrayList<>();
    Map<String, Integer> plainEntries = new TreeMap<>();
    GSet<String> gset = GSet.empty();
    TwoPhaseSet<String> twoPhase = TwoPhaseSet.empty();
    ORSet<String> orSet = ORSet.empty();
    RWSet<String> rwSet = RWSet.empty();
    LWWMap<String, Integer> lwwMap = LWWMap.empty();
    ORMap<String, PNCounter> orMap = ORMap.empty(PNCounter.empty());
    for (int i = 0; i < ELEMENTS; i++) {
      ReplicaId replica = writer(i);
      String element = element(i);
      plainElements.add(element);
      plainEntries.put(element, 1);
      gset = gset.add(element);
      twoPhase = twoPhase.add(element);
      orSet = orSet.add(replica, element);
      rwSet = rwSet.add(replica, element);
      lwwMap = lwwMap.put(HlcTimestamp.of(JAN_2026_MILLIS + i, 0, replica), element, 1);
      orMap = orMap.update(replica, element, qty -> qty.deltaIncrement(replica, 1));
    }
    int elementsAlone = smile.writeValueAsBytes(plainElements).length;
    int entriesAlone = smile.writeValueAsBytes(plainEntries).length;

    Map<String, String> cells = new LinkedHashMap<>();
    cells.put("GSet", perElement(gset, elementsAlone));
    cells.put("TwoPhaseSet", perElement(twoPhase, elementsAlone));
    cells.put("ORSet", perElement(orSet, elementsAlone));
    cells.put("RWSet", perElement(rwSet, elementsAlone));
    cells.put("LWWMap", perElement(lwwMap, entriesAlone));
    cells.put("ORMap", perElement(orMap, entriesAlone));

    GCounter gcounter = GCounter.empty();
    PNCounter pncounter = PNCounter.empty();
    MVRegister<String> mvRegister = MVRegister.empty();
    EWFlag ewFlag = EWFlag.empty();
    DWFlag dwFlag = DWFlag.empty();
    for (ReplicaId replica : REPLICAS) {
      gcounter = gcounter.merge(GCounter.empty().increment(replica, 1_000));
      pncounter = pncounter.merge(PNCounter.empty().increment(replica, 1_000).decrement(replica, 10));
      mvRegister = mvRegister.merge(MVRegister.<String>empty().write(replica, "value-of-" + replica.name()));
      ewFlag = ewFlag.merge(EWFlag.empty().enable(replica));
      dwFlag = dwFlag.merge(DWFlag.empty().enable(replica));
    }
    LWWRegister<String> lwwRegister = LWWRegister.<String>empty().set(HlcTimestamp.of(JAN_2026_MILLIS, 0,
        REPLICAS.get(0)), "value-of-alice");
    cells.put("GCounter", whole(gcounter, "3 replicas' counts"));
    cells.put("PNCounter", whole(pncounter, "3 replicas' counts"));
    cells.put("LWWRegister", whole(lwwRegister, "one value"));
    cells.put("MVRegister", whole(mvRegister, "3 concurrent values"));
    cells.put("EWFlag", whole(ewFlag, "enabled by 3 replicas"));
    cells.put("DWFlag", whole(dwFlag, "enabled by 3 replicas"));

    assertThat(cells).hasSize(12);
    StringBuilder attributes = new StringBuilder();
    cells.forEach((type, cell) -> attributes.append(':').append("bytes-").append(type.toLowerCase(Locale.ROOT))
        .append(": ").append(cell).append('\n'));
    SnippetOutput.write("bytes.adoc", attributes.toString());
  }

  private String perElement(Object state, int plainBytes) {
    int bytes = smile.writeValueAsBytes(state).length;
    assertThat(bytes).as("%s is larger than its elements alone", state.getClass().getSimpleName())
        .isGreaterThan(plainBytes);
    return String.format(Locale.ROOT, "%.1f B per element beyond the element (%,d B in all)",
        (bytes - plainBytes) / (double) ELEMENTS, bytes);
  }

  private String whole(Object state, String what) {
    return String.format(Locale.ROOT, "%,d B in all (%s)", smile.writeValueAsBytes(state).length, what);
  }
}
