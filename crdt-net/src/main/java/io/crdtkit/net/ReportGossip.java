package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.crdtkit.gc.StabilityReport;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtDecodeException;
import io.crdtkit.net.WireMessage.ReportGroup;
import io.crdtkit.net.WireMessage.Reports;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stability reports on gossip (GC.md §1): every report interval, each collected key's report is multicast if it
 * changed since it was last sent, grouped by equal clocks (most keys of an idle node share them). After a view
 * change everything is sent again, so that new and returning members hear every report. Owned by the protocol
 * thread.
 */
final class ReportGossip {

  private record Clocks(VectorClock progress, VectorClock stableCut) {}

  private final CrdtCodec<VectorClock> clocks;
  private final Map<String, StabilityReport> lastSent = new HashMap<>();
  private boolean announce = true;

  ReportGossip(CrdtCodec<VectorClock> clocks) {
    this.clocks = clocks;
  }

  /** The reports to multicast now: those that changed since last sent (empty groups: nothing changed). */
  Reports changedReports(Collection<KeyEntry<?>> keys) {
    Map<Clocks, List<String>> groups = new LinkedHashMap<>();
    for (KeyEntry<?> entry : keys) {
      StabilityReport report = entry.report();
      if (report == null || report.equals(lastSent.get(entry.name))) {
        continue;
      }
      lastSent.put(entry.name, report);
      groups.computeIfAbsent(new Clocks(report.progress(), report.stableCut()), k -> new ArrayList<>())
          .add(entry.name);
    }
    List<ReportGroup> encoded = new ArrayList<>(groups.size());
    groups.forEach((group, names) ->
        encoded.add(new ReportGroup(clocks.encode(group.progress()), clocks.encode(group.stableCut()), names)));
    return new Reports(encoded);
  }

  /** Everything is sent again on the next tick, and a message goes out even if there is no report to send. */
  void resendAll() {
    lastSent.clear();
    announce = true;
  }

  /**
   * Whether the next tick must multicast even an empty message: after a view change or a retirement the others
   * learn this node's replica id and epoch from it.
   */
  boolean takeAnnounce() {
    boolean due = announce;
    announce = false;
    return due;
  }

  /** The reports of a received message, each with its keys; decoded whole before any is applied. */
  Map<StabilityReport, List<String>> decode(ReplicaId sender, Reports reports) {
    Map<StabilityReport, List<String>> decoded = new LinkedHashMap<>();
    for (ReportGroup group : reports.groups()) {
      try {
        StabilityReport report =
            new StabilityReport(sender, clocks.decode(group.progress()), clocks.decode(group.stableCut()));
        decoded.computeIfAbsent(report, r -> new ArrayList<>()).addAll(group.keys());
      } catch (CrdtDecodeException | IllegalArgumentException e) {
        throw new WireException("bad stability report: " + e.getMessage(), e);
      }
    }
    return decoded;
  }
}
