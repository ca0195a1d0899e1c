package io.crdtkit.net;

import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtMappers;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.ProtocolStack;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * The running node, assembled: it builds the protocol parts, each with the collaborators it needs, schedules the
 * ticks (ProtocolRounds), receives from JGroups, and closes the node. Incoming messages and view changes are queued
 * to the protocol thread, which owns every protocol structure, so the JGroups threads never block on protocol work
 * and a failing message cannot kill them. Local updates run on the caller's thread under the key's lock.
 *
 * <p>Parts that need this node's address (membership, anti-entropy, retirement, deletes, reads and writes at a
 * level, the dispatcher) are built once the channel is connected; the protocol thread holds back what arrives
 * meanwhile.
 */
final class ReplicationEngine implements Receiver {

  private static final Logger log = LoggerFactory.getLogger(ReplicationEngine.class);

  private final NodeSettings settings;
  private final JChannel channel;
  private final NodeStatus status;
  private final ProtocolThread protocol;
  private final KeyRegistry registry;
  private final NetCounters counters;
  private final PendingUpdates pendingUpdates;
  private final HybridLogicalClock clock;
  private final Outbox outbox;
  private final DeltaFlush deltas;
  private final ChunkAssembler chunks;
  private final ReportGossip reports;
  private final RetiredReplicas retired = new RetiredReplicas();
  private final QuorumResponder quorumResponder;
  private final RuntimeKeys runtimeKeys;
  private final DocumentIntake intake;
  private final Tombstones tombstones;
  /** A durable node's directory (crdt-store); null if the node keeps nothing on disk. */
  private final @Nullable DurableKeys durable;
  // How a node closes itself when it learns the cluster retired it while it was away (CrdtNode's close, with JMX)
  private volatile Runnable closer = this::close;

  // Built by start(), once the channel has this node's address
  private @Nullable Membership membership;
  private @Nullable AntiEntropy antiEntropy;
  private @Nullable ProtocolRounds rounds;
  private @Nullable QuorumRequests quorums;
  private @Nullable RetirementRequests retirementRequests;
  private @Nullable KeyDeletes deletes;
  private @Nullable FrameDispatcher dispatcher;

  ReplicationEngine(NodeSettings settings, JChannel channel, @Nullable DurableKeys durable) {
    this.settings = settings;
    this.channel = channel;
    this.durable = durable;
    ReplicaId self = settings.replica();
    this.status = new NodeStatus(self);
    this.registry = new KeyRegistry(self, durable);
    this.counters = new NetCounters(self.name());
    this.pendingUpdates = new PendingUpdates(settings.maxPendingUpdates(), settings.maxPendingUpdatesPerNode(),
        settings.whenPendingFull());
    AuthenticatedEncryption encryption = channel.getProtocolStack().findProtocol(AuthenticatedEncryption.class);
    if (encryption != null) {
      encryption.countRefusalsIn(counters.refusals); // strangers' messages show in this node's stats
    }
    this.clock = HybridLogicalClock.create(self, settings.maxClockOffset());
    SmileMapper mapper = CrdtMappers.smile(settings.codecLimits());
    this.protocol = new ProtocolThread(self, status);
    this.chunks = new ChunkAssembler(settings.codecLimits().maxDocumentBytes());
    this.reports = new ReportGossip(CrdtCodec.of(mapper, VectorClock.class));
    FrameSender sender = new FrameSender(channel, self, settings.maxMessageBytes(), counters, status::isClosed);
    this.outbox = new Outbox(sender, self, retired::epoch);
    this.deltas = new DeltaFlush(protocol, settings.flushDelay().toMillis(), pendingUpdates, outbox,
        () -> membership != null && !membership.peers().isEmpty(), counters);
    // Longer than anything stays on its way: chunked transfers left incomplete expire after ten rounds.
    this.tombstones = new Tombstones(Duration.ofSeconds(30).plus(settings.antiEntropyInterval().multipliedBy(20)));
    this.intake = new DocumentIntake(clock, counters);
    KeyCreation creation = new KeyCreation(status, registry, retired, tombstones, settings.codecLimits(), durable,
        () -> membership == null || membership.peers().isEmpty(), this::adoptListeners,
        this::dirty, protocol, settings.flushDelay().toMillis(), this::antiEntropyWithAll);
    this.runtimeKeys = new RuntimeKeys(mapper, CrdtMappers.smile(WriteLimits.halve(settings.codecLimits())),
        creation, counters.refusals, protocol.executor(), self.name());
    this.quorumResponder = new QuorumResponder(registry.byName(), intake, counters, retired::epoch, self.name(),
        outbox::send, runtimeKeys);
    if (durable != null) {
      retired.restore(durable.restoredRetirements());
    }
  }

  void start() throws Exception {
    // Messages and views arrive while connect() runs, before this node knows its own address: the protocol thread
    // holds them until the node is set up.
    Gate connected = new Gate();
    protocol.executor().execute(connected::awaitUninterruptibly);
    channel.setReceiver(this);
    channel.setDiscardOwnMessages(true);
    if (channel.getProtocolStack().findProtocol(GMS.class) != null) {
      channel.getProtocolStack().insertProtocol(new SuspectWatch(this::suspected), ProtocolStack.Position.BELOW,
          GMS.class);
    }
    channel.name(settings.replica().name());
    try {
      channel.connect(settings.cluster());
      connected(new Membership(channel.getAddress(), settings.replica()));
    } finally {
      connected.open();
    }
    if (durable != null) {
      // After joining: a restored key catches up with the peers in view before it writes, as a joiner's keys do
      // (what the others collected meanwhile, and anything this node sent but had not written, comes back first).
      durable.restoredTypes().forEach(runtimeKeys::restore);
    }
    long antiEntropyMillis = settings.antiEntropyInterval().toMillis();
    ProtocolRounds started = Objects.requireNonNull(rounds);
    protocol.scheduleEvery("anti-entropy tick", started::antiEntropyTick, antiEntropyMillis);
    protocol.scheduleEvery("report tick", started::reportTick, settings.reportInterval().toMillis());
    // Transfers left incomplete go on their own timer, also on a node alone in its view.
    protocol.scheduleEvery("chunk expiry", () -> chunks.expire(System.currentTimeMillis() - 10 * antiEntropyMillis),
        antiEntropyMillis);
  }

  /** Builds the parts that need this node's address, each with what it works with. */
  private void connected(Membership members) {
    ReplicaId self = settings.replica();
    StateTransfer states = new StateTransfer(outbox, members, counters);
    AntiEntropy ae = new AntiEntropy(settings.treeDepth(), settings.antiEntropyInterval().dividedBy(2), states,
        members, counters);
    RetirementEffects effects = new RetirementEffects(self, registry, retired, durable, status, members, reports,
        () -> closer.run());
    RetirementCoordinator coordinator = new RetirementCoordinator(self, settings.retireAbsentAfter(), members,
        registry, this::knownReplicas, retired, effects, counters.refusals, outbox::send, outbox::multicast,
        this::antiEntropyWithAll);
    QuorumRequests levels = new QuorumRequests(protocol.executor(), members, retired::isRetired, intake,
        outbox::send, self);
    KeyDeletes keyDeletes = new KeyDeletes(self, status, registry, tombstones, runtimeKeys, durable, deltas, outbox,
        members, ae, this::knownReplicas, counters);
    EntryIntake entries = new EntryIntake(registry.byName(), members, ae, states, keyDeletes, runtimeKeys, clock,
        counters);
    long maxDocumentBytes = settings.codecLimits().maxDocumentBytes();
    this.dispatcher = new FrameDispatcher(Math.min(settings.maxMessageBytes(), maxDocumentBytes), maxDocumentBytes,
        chunks, members, this::learned, retired, coordinator, entries, ae, reports, registry.byName(),
        quorumResponder, levels, keyDeletes, outbox, counters.refusals);
    this.retirementRequests = new RetirementRequests(self, status, retired, this::knownReplicas, members,
        coordinator, protocol.executor(), deltas::flush);
    AbsenceWatch absences = settings.retireAbsentAfter() == null ? null
        : new AbsenceWatch(settings.retireAbsentAfter());
    this.rounds = new ProtocolRounds(members, ae, coordinator, keyDeletes, registry, reports, levels, chunks,
        absences, this::knownReplicas, this::learned, outbox, counters, durable != null,
        settings.antiEntropyInterval().toNanos());
    this.deletes = keyDeletes;
    this.quorums = levels;
    this.antiEntropy = ae;
    this.membership = members;
  }

  /** A new entry takes over its key's subscriptions from the entry a collected delete removed (RuntimeKeys). */
  private void adoptListeners(KeyEntry<?> entry) {
    runtimeKeys.adoptListeners(entry);
  }

  private void dirty(KeyEntry<?> entry) {
    AntiEntropy ae = antiEntropy;
    if (ae != null) {
      ae.markDirty(entry);
    }
  }

  // ---- receiving

  @Override
  public void receive(Message message) {
    Address sender = message.getSrc();
    counters.messagesReceived.increment();
    // crdtkit sends BytesMessages only; another kind (an empty ObjectMessage, say) has no array to read
    if (!message.hasArray() || message.getArray() == null || sender == null) {
      counters.refusals.refuse(RefusalCause.UNDECODABLE, sender, "a message without a byte payload");
      return;
    }
    byte[] bytes = message.getArray();
    int offset = message.getOffset();
    int length = message.getLength();
    counters.bytesReceived.add(length);
    fromJGroups(protocol.guarded("message from " + sender, () -> dispatcher().handle(sender, bytes, offset, length)));
  }

  @Override
  public void viewAccepted(View view) {
    fromJGroups(protocol.guarded("view " + view, () -> onView(view)));
  }

  /**
   * Hands what JGroups delivers to the protocol thread. Closing the channel still delivers (the last view, a
   * peer's goodbye) after the protocol thread is gone: that is dropped, instead of throwing into JGroups' threads,
   * which logged it as an ERROR at every close.
   */
  private void fromJGroups(Runnable task) {
    try {
      protocol.executor().execute(task);
    } catch (RejectedExecutionException e) {
      if (!status.isClosed()) {
        throw e;
      }
    }
  }

  private void onView(View view) {
    if (rounds != null && !status.isClosed()) {
      rounds.onView(view);
    }
  }

  /** The suspicions of failure detection, seen by the stack's SuspectWatch. */
  private void suspected(Collection<Address> suspects) {
    fromJGroups(() -> {
      if (membership != null) {
        membership.suspect(suspects);
      }
    });
  }

  private void antiEntropyWithAll() {
    if (rounds != null) {
      rounds.antiEntropyWithAll();
    }
  }

  private void learned(ReplicaId replica) {
    registry.learned(replica, retired.log());
  }

  // ---- what the node's facade, its handles, its stats and tests see

  /** Every replica this node knows to exist and is not retired: seen in a view, or in a state's clocks. */
  Set<ReplicaId> knownReplicas() {
    return registry.knownReplicas(retired.log());
  }

  /** How this node started with respect to its directory. */
  DurableStart durableStart() {
    return durable == null ? DurableStart.NOT_DURABLE : durable.start();
  }

  /** How a node retired while away closes itself (RetirementEffects): CrdtNode's close, which unregisters its beans. */
  void closeWith(Runnable close) {
    this.closer = close;
  }

  NodeSettings settings() {
    return settings;
  }

  NodeStatus status() {
    return status;
  }

  Map<String, KeyEntry<?>> keys() {
    return registry.byName();
  }

  NetCounters counters() {
    return counters;
  }

  /** The node's hybrid logical clock: what received timestamps are checked against. */
  HybridLogicalClock clock() {
    return clock;
  }

  /** The node's budget of local updates not yet sent. */
  PendingUpdates pendingUpdates() {
    return pendingUpdates;
  }

  ProtocolThread protocolThread() {
    return protocol;
  }

  DeltaFlush deltas() {
    return deltas;
  }

  Outbox outbox() {
    return outbox;
  }

  RetiredReplicas retired() {
    return retired;
  }

  /** This node's reads and writes at a consistency level. */
  QuorumRequests quorums() {
    return Objects.requireNonNull(quorums, "the node is not started");
  }

  /** Key types and the keys created from them at runtime. */
  RuntimeKeys runtimeKeys() {
    return runtimeKeys;
  }

  ChunkAssembler chunks() {
    return chunks;
  }

  JChannel channel() {
    return channel;
  }

  Membership membership() {
    return Objects.requireNonNull(membership, "the node is not started");
  }

  RetirementRequests retirementRequests() {
    return Objects.requireNonNull(retirementRequests, "the node is not started");
  }

  KeyDeletes deletes() {
    return Objects.requireNonNull(deletes, "the node is not started");
  }

  private FrameDispatcher dispatcher() {
    return Objects.requireNonNull(dispatcher, "the node is not started");
  }

  void close() {
    if (status.isClosed()) {
      return;
    }
    pendingUpdates.close("node " + settings.replica() + " closed");
    try {
      if (!protocol.isCurrent()) {
        protocol.executor().submit(deltas::flush).get(2, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      log.debug("{}: last flush did not finish: {}", settings.replica(), e.toString());
    }
    status.markClosed();
    protocol.executor().shutdownNow();
    channel.close();
    if (durable != null) {
      durable.close();
    }
    retired.failWaiters(new IllegalStateException("node " + settings.replica() + " closed"));
    if (quorums != null) {
      quorums.closed(new IllegalStateException("node " + settings.replica() + " closed while a read or write at a"
          + " consistency level waited"));
    }
  }

  boolean isClosed() {
    return status.isClosed();
  }
}
