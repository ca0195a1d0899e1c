package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apiguardian.api.API;

/**
 * A node's statistics ({@link NetStats}) as Micrometer meters, tagged {@code cluster} and {@code replica}. Micrometer
 * is an optional dependency of crdt-net: add {@code io.micrometer:micrometer-core} to use this class.
 *
 * <pre>{@code
 * new CrdtNodeMetrics(node).bindTo(meterRegistry);
 * }</pre>
 *
 * <p>Gauges: {@code crdtkit.node.members} (the view's size), {@code crdtkit.node.suspected}, {@code crdtkit.node.keys},
 * {@code crdtkit.node.keys.out.of.sync}, {@code crdtkit.node.retirement.epoch}, {@code crdtkit.node.gc.lag} (the
 * largest GC lag of any member, in updates), {@code crdtkit.node.tombstones}, {@code crdtkit.node.pending.updates}
 * (local updates not yet sent, see {@link Backpressure}). Counters: {@code crdtkit.node.messages.sent} and
 * {@code .received}, {@code crdtkit.node.bytes.sent} and {@code .received}, {@code crdtkit.node.deltas.sent},
 * {@code crdtkit.node.states.sent}, {@code crdtkit.node.anti.entropy.rounds}, {@code crdtkit.node.merge.views},
 * {@code crdtkit.node.refused} (one per {@link RefusalCause}, tagged {@code cause}), and
 * {@code crdtkit.node.pending.waited} and {@code .refused} (updates that waited for room, or were refused). The meters
 * hold the node weakly, and read it when the registry asks.
 */
@API(status = EXPERIMENTAL, since = "0.2")
@SuppressWarnings("exports") // MeterRegistry is micrometer's, which a user of this class has on its path
public final class CrdtNodeMetrics implements MeterBinder {

  private final CrdtNode node;

  /**
   * A binder of {@code node}'s statistics.
   *
   * @param node the node to measure; not null
   * @throws NullPointerException if {@code node} is null
   */
  public CrdtNodeMetrics(CrdtNode node) {
    this.node = Objects.requireNonNull(node, "node");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    ReplicationEngine engine = node.engine();
    Tags tags = Tags.of("cluster", engine.settings().cluster(), "replica", node.replica().toString());
    gauge(registry, tags, "crdtkit.node.members", "members in this node's view",
        n -> n.channel().getView() == null ? 0 : n.channel().getView().size());
    gauge(registry, tags, "crdtkit.node.suspected", "members failure detection suspects",
        n -> n.engine().membership().suspectedReplicas().size());
    gauge(registry, tags, "crdtkit.node.keys", "keys registered", n -> n.engine().keys().size());
    gauge(registry, tags, "crdtkit.node.keys.out.of.sync", "keys anti-entropy last found different from a peer's",
        n -> n.outOfSyncKeys().size());
    gauge(registry, tags, "crdtkit.node.retirement.epoch", "entries of the retirement log",
        n -> n.engine().retired().epoch());
    gauge(registry, tags, "crdtkit.node.gc.lag", "the largest GC lag of any member, in updates",
        n -> n.stats().stabilityLag().values().stream().mapToLong(Long::longValue).max().orElse(0));
    gauge(registry, tags, "crdtkit.node.tombstones", "tombstones held for garbage collection",
        n -> n.stats().tombstones());
    gauge(registry, tags, "crdtkit.node.pending.updates", "local updates applied here and not yet sent",
        n -> n.engine().pendingUpdates().total());

    counter(registry, tags, "crdtkit.node.messages.sent", "messages", c -> c.messagesSent);
    counter(registry, tags, "crdtkit.node.messages.received", "messages", c -> c.messagesReceived);
    counter(registry, tags, "crdtkit.node.bytes.sent", "bytes", c -> c.bytesSent);
    counter(registry, tags, "crdtkit.node.bytes.received", "bytes", c -> c.bytesReceived);
    counter(registry, tags, "crdtkit.node.deltas.sent", "key deltas", c -> c.deltasSent);
    counter(registry, tags, "crdtkit.node.states.sent", "key states", c -> c.statesSent);
    counter(registry, tags, "crdtkit.node.anti.entropy.rounds", "rounds", c -> c.antiEntropyRounds);
    counter(registry, tags, "crdtkit.node.merge.views", "views", c -> c.mergeViews);
    gauge(registry, tags, "crdtkit.node.deleted.keys", "deleted keys held as tombstones",
        n -> n.stats().deletedKeys());
    counter(registry, tags, "crdtkit.node.deleted.keys.collected", "tombstones of deleted keys collected",
        c -> c.tombstonesCollected);
    counter(registry, tags, "crdtkit.node.superseded.by.delete", "key entries a delete won over",
        c -> c.supersededByDelete);
    for (RefusalCause cause : RefusalCause.values()) {
      FunctionCounter.builder("crdtkit.node.refused", node,
              n -> n.engine().counters().refusals.snapshot().getOrDefault(cause, 0L))
          .description("what this node refused, by cause (NET.md, \"Security\")")
          .tags(tags).tag("cause", cause.name())
          .register(registry);
    }
    pendingCounter(registry, tags, "crdtkit.node.pending.waited", "local updates that waited for room",
        p -> p.waited);
    pendingCounter(registry, tags, "crdtkit.node.pending.refused", "local updates refused for want of room",
        p -> p.refused);
  }

  private void gauge(MeterRegistry registry, Tags tags, String name, String description,
      ToDoubleFunction<CrdtNode> value) {
    Gauge.builder(name, node, value).description(description).tags(tags).register(registry);
  }

  private void counter(MeterRegistry registry, Tags tags, String name, String unit,
      Function<NetCounters, LongAdder> counter) {
    FunctionCounter.builder(name, node, n -> counter.apply(n.engine().counters()).sum())
        .baseUnit(unit).tags(tags).register(registry);
  }

  private void pendingCounter(MeterRegistry registry, Tags tags, String name, String description,
      Function<PendingUpdates, LongAdder> counter) {
    FunctionCounter.builder(name, node, n -> counter.apply(n.engine().pendingUpdates()).sum())
        .description(description).tags(tags).register(registry);
  }
}
