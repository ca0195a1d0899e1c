package io.crdtkit.net;

import io.crdtkit.Crdt;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtMappers;
import io.crdtkit.net.WireMessage.KeyBytes;
import io.crdtkit.net.WireMessage.States;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.MergeView;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.ProtocolStack;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * The running node: the JGroups receiver, the protocol thread that owns every protocol structure (digest tree,
 * chunk reassembly, retirement log, report gossip), and the sending path (frames, chunks, counters). Incoming
 * messages and view changes are queued to the protocol thread, so the JGroups threads never block on protocol work
 * and a failing message cannot kill them. Local updates run on the caller's thread under the key's lock.
 */
final class ReplicationEngine implements Receiver, AntiEntropy.Outbound {

  private static final Logger log = LoggerFactory.getLogger(ReplicationEngine.class);

  private final NodeSettings settings;
  private final JChannel channel;
  private final SmileMapper mapper;
  private final ScheduledExecutorService protocol;
  private final KeyRegistry registry;
  private final ConcurrentLinkedQueue<KeyEntry<?>> withDeltas = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private final AtomicBoolean catchUpScheduled = new AtomicBoolean();
  private final NetCounters counters;
  private final PendingUpdates pendingUpdates;
  private final io.crdtkit.clock.HybridLogicalClock clock;
  private final FrameSender sender;
  private final FrameDispatcher dispatcher;
  private final ChunkAssembler chunks;
  private final ReportGossip reports;
  private @Nullable Membership membership;
  private @Nullable AntiEntropy antiEntropy;
  private final RetirementCoordinator retirements;
  private final QuorumRequests quorums;
  private final QuorumResponder quorumResponder;
  private final RuntimeKeys runtimeKeys;
  private final Tombstones tombstones;
  /** A durable node's directory (crdt-store); null if the node keeps nothing on disk. */
  private final @Nullable DurableKeys durable;
  private final @Nullable AbsenceWatch absences;
  // How a node closes itself when it learns the cluster retired it while it was away (CrdtNode's close, with JMX)
  private volatile Runnable closer = this::close;
  private final AtomicBoolean retiredAway = new AtomicBoolean();
  private volatile boolean writable = true;
  /** After a merge the bridges repair first; periodic rounds would only repeat their work meanwhile. */
  private long periodicRoundsFrom;
  private volatile boolean closed;

  ReplicationEngine(NodeSettings settings, JChannel channel, @Nullable DurableKeys durable) {
    this.settings = settings;
    this.channel = channel;
    this.durable = durable;
    this.registry = new KeyRegistry(settings.replica(), durable);
    this.counters = new NetCounters(settings.replica().name());
    this.pendingUpdates = new PendingUpdates(settings.maxPendingUpdates(), settings.maxPendingUpdatesPerNode(),
        settings.whenPendingFull());
    AuthenticatedEncryption encryption = channel.getProtocolStack().findProtocol(AuthenticatedEncryption.class);
    if (encryption != null) {
      encryption.countRefusalsIn(counters.refusals); // strangers' messages show in this node's stats
    }
    this.clock = io.crdtkit.clock.HybridLogicalClock.create(settings.replica(), settings.maxClockOffset());
    this.mapper = CrdtMappers.smile(settings.codecLimits());
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "crdt-net-" + settings.replica());
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    this.protocol = executor;
    this.chunks = new ChunkAssembler(settings.codecLimits().maxDocumentBytes());
    this.reports = new ReportGossip(CrdtCodec.of(mapper, VectorClock.class));
    this.retirements = new RetirementCoordinator(this);
    this.dispatcher = new FrameDispatcher(this);
    DocumentIntake intake = new DocumentIntake(clock, counters);
    this.quorums = new QuorumRequests(executor, this::membership, replica -> retirements.log().isRetired(replica),
        intake, this::send, settings.replica());
    this.runtimeKeys = new RuntimeKeys(mapper, CrdtMappers.smile(WriteLimits.halve(settings.codecLimits())),
        this::createIfAbsent, counters.refusals, executor, settings.replica().name());
    this.quorumResponder = new QuorumResponder(registry.byName(), intake, counters, retirements::epoch,
        settings.replica().name(), this::send, runtimeKeys);
    // Longer than anything stays on its way: chunked transfers left incomplete expire after ten rounds.
    this.tombstones = new Tombstones(java.time.Duration.ofSeconds(30).plus(
        settings.antiEntropyInterval().multipliedBy(20)));
    this.absences = settings.retireAbsentAfter() == null ? null : new AbsenceWatch(settings.retireAbsentAfter());
    this.sender = new FrameSender(channel, settings.replica(), settings.maxMessageBytes(), counters, () -> closed);
    if (durable != null) {
      retirements.restore(durable.restoredRetirements());
    }
  }

  void start() throws Exception {
    // Messages and views arrive while connect() runs, before this node knows its own address: the protocol thread
    // holds them until the node is set up.
    Gate connected = new Gate();
    protocol.execute(connected::awaitUninterruptibly);
    channel.setReceiver(this);
    channel.setDiscardOwnMessages(true);
    if (channel.getProtocolStack().findProtocol(GMS.class) != null) {
      channel.getProtocolStack().insertProtocol(new SuspectWatch(this::suspected), ProtocolStack.Position.BELOW,
          GMS.class);
    }
    channel.name(settings.replica().name());
    try {
      channel.connect(settings.cluster());
      Membership members = new Membership(channel.getAddress(), settings.replica());
      membership = members;
      antiEntropy = new AntiEntropy(settings.treeDepth(), this, members, counters);
    } finally {
      connected.open();
    }
    if (durable != null) {
      // After joining: a restored key catches up with the peers in view before it writes, as a joiner's keys do
      // (what the others collected meanwhile, and anything this node sent but had not written, comes back first).
      durable.restoredTypes().forEach(runtimeKeys::restore);
    }
    schedule(this::antiEntropyTick, settings.antiEntropyInterval().toMillis());
    schedule(this::reportTick, settings.reportInterval().toMillis());
    // Transfers left incomplete go on their own timer, also on a node alone in its view.
    schedule(() -> chunks.expire(System.currentTimeMillis() - 10 * settings.antiEntropyInterval().toMillis()),
        settings.antiEntropyInterval().toMillis());
  }

  private void schedule(Runnable task, long periodMillis) {
    protocol.scheduleWithFixedDelay(() -> guarded("periodic task", task), periodMillis, periodMillis,
        TimeUnit.MILLISECONDS);
  }

  /** A new key; {@code halved} is its type on a mapper with half the limits, if the node made its codec. */
  <S extends Crdt<S>> Replicated<S> register(String key, S initial, CrdtCodec<S> codec,
      @Nullable CrdtCodec<S> halved) {
    return new Replicated<>(registerEntry(key, initial, codec, halved), this);
  }

  /** The key held under {@code key}, whatever its type, or a new one (keys at runtime, RuntimeKeys). */
  <S extends Crdt<S>> KeyEntry<?> createIfAbsent(String key, S initial, CrdtCodec<S> codec,
      @Nullable CrdtCodec<S> halved) {
    while (true) {
      KeyEntry<?> held = registry.get(key);
      if (held != null) {
        return held;
      }
      try {
        return registerEntry(key, initial, codec, halved);
      } catch (IllegalArgumentException raced) {
        if (registry.get(key) == null) {
          throw raced;
        }
        // another thread created it meanwhile: take that one
      }
    }
  }

  private <S extends Crdt<S>> KeyEntry<S> registerEntry(String key, S initial, CrdtCodec<S> codec,
      @Nullable CrdtCodec<S> halved) {
    requireOpen();
    boolean alone = membership == null || membership.peers().isEmpty();
    String typeId = KeyTypes.nameOf(codec.type());
    List<DurableKeys.Record> restored = durable == null ? List.of() : durable.takeRestored(key);
    for (DurableKeys.Record record : restored) {
      if (!record.type().equals(typeId)) {
        throw new IllegalArgumentException("key '" + key + "' is stored in " + durable.directory() + " as "
            + record.type() + ", not " + typeId + " (a key has one type; its records stay in the directory)");
      }
    }
    KeyEntry<S> entry = registry.register(key, initial, tombstones.generationOf(key, System.nanoTime()), codec,
        new WriteLimits<>(codec, halved, settings.codecLimits()), retirements.log(), alone, this::dirty);
    runtimeKeys.adoptListeners(entry);
    for (DurableKeys.Record record : restored) {
      entry.restore(entry.decode(record.document()), record.generation(), record.tombstone());
    }
    entry.markDirty();
    if (!entry.isCaughtUp() && catchUpScheduled.compareAndSet(false, true)) {
      // One round with every peer for all the keys registered meanwhile, not one per key.
      protocol.schedule(() -> guarded("catch-up round", () -> {
        catchUpScheduled.set(false);
        antiEntropyWithAll();
      }), settings.flushDelay().toMillis(), TimeUnit.MILLISECONDS);
    }
    return entry;
  }

  private void dirty(KeyEntry<?> entry) {
    AntiEntropy ae = antiEntropy;
    if (ae != null) {
      ae.markDirty(entry);
    }
  }

  // ---- local updates and their deltas

  void deltaQueued(KeyEntry<?> entry) {
    withDeltas.add(entry);
    if (flushScheduled.compareAndSet(false, true)) {
      protocol.schedule(() -> guarded("delta flush", this::flushDeltas), settings.flushDelay().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  void flushNow() {
    flushDeltas();
  }

  /**
   * Sends every key's delta group in one frame: under load, many updates ride in one message. Their pending updates
   * are released once the send returns (or fails): a send held up by flow control holds the writers back.
   */
  private void flushDeltas() {
    flushScheduled.set(false);
    List<KeyBytes> deltas = new ArrayList<>();
    Map<String, Integer> taken = new java.util.HashMap<>();
    Set<KeyEntry<?>> flushed = new HashSet<>();
    try {
      for (KeyEntry<?> entry = withDeltas.poll(); entry != null; entry = withDeltas.poll()) {
        java.util.concurrent.CompletableFuture<Void> written = entry.lastAppend();
        if (!written.isDone()) {
          // A durable node sends an update only once it is written: a restart never mints a dot others hold.
          KeyEntry<?> waiting = entry;
          written.whenComplete((done, failed) -> deltaQueued(waiting));
          continue;
        }
        if (flushed.add(entry)) {
          KeyBytes delta = encodePendingDelta(entry, taken);
          if (delta != null) {
            deltas.add(delta);
          }
        }
      }
      if (!deltas.isEmpty() && membership != null && !membership.peers().isEmpty()) {
        counters.deltasSent.add(deltas.size());
        multicast(new WireMessage.Deltas(deltas));
      }
    } finally {
      taken.forEach(pendingUpdates::release);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static @Nullable KeyBytes encodePendingDelta(KeyEntry entry, Map<String, Integer> taken) {
    Crdt delta;
    long generation;
    boolean tombstone;
    synchronized (entry) { // the delta group, its count and its generation together: a change between them would
      delta = entry.takePendingDelta();                                       // be miscounted, or sent as deleted
      taken.merge(entry.name, entry.takePendingUpdates(), Integer::sum);
      generation = entry.generation();
      tombstone = entry.isTombstone();
    }
    return delta == null ? null : entry.toWire(delta, generation, tombstone);
  }

  // ---- deletes and their tombstones (Tombstones)

  /** Deletes {@code entry}'s key here and queues the delete to the others; false if it was deleted already. */
  boolean delete(KeyEntry<?> entry) {
    requireWritable();
    if (!entry.delete()) {
      return false;
    }
    deltaQueued(entry);
    runtimeKeys.deleted(entry.name, true);
    return true;
  }

  /** The key of a handle whose entry's tombstone was collected, created again. */
  <S extends Crdt<S>> KeyEntry<S> reopen(KeyEntry<S> collected) {
    requireOpen();
    return runtimeKeys.reopen(collected);
  }

  /** Asks the others about the tombstones held here, and collects those every member holds. */
  private void tombstoneTick() {
    Membership members = membership;
    if (members == null) {
      return;
    }
    WireMessage.TombstoneQuery query = tombstones.query(registry.entries());
    if (query == null) {
      return;
    }
    if (!members.peers().isEmpty()) {
      multicast(query);
    }
    for (KeyEntry<?> entry : tombstones.collectable(registry.entries(), knownReplicas(), settings.replica())) {
      collectTombstone(entry);
    }
  }

  /** Drops a tombstone: the key leaves the registry and the digest tree; its generation is remembered a while. */
  void collectTombstone(KeyEntry<?> entry) {
    if (!entry.markCollected()) {
      return;
    }
    registry.remove(entry);
    antiEntropy().forget(entry);
    runtimeKeys.collected(entry);
    tombstones.collected(entry, System.nanoTime());
    if (durable != null) {
      durable.deleted(entry.name);
    }
    counters.tombstonesCollected.increment();
    log.debug("{}: collected the tombstone of key '{}' (generation {}): every member holds its delete",
        settings.replica(), entry.name, entry.generation());
  }

  Tombstones tombstones() {
    return tombstones;
  }

  /** The node's budget of local updates not yet sent. */
  PendingUpdates pendingUpdates() {
    return pendingUpdates;
  }

  /** Whether the caller is the node's protocol thread, which must never wait for room it makes itself. */
  boolean onProtocolThread() {
    return Thread.currentThread().getName().equals("crdt-net-" + settings.replica());
  }

  void requireWritable() {
    requireOpen();
    if (!writable) {
      throw new IllegalStateException("node " + settings.replica() + " is leaving or retired: updates are refused");
    }
  }

  void requireOpen() {
    if (closed) {
      throw new IllegalStateException("node " + settings.replica() + " is closed");
    }
  }

  // ---- sending

  @Override
  public void send(Address to, WireMessage message) {
    sender.send(to, new Frame(settings.replica(), retirements.epoch(), message));
  }

  void multicast(WireMessage message) {
    sender.send(null, new Frame(settings.replica(), retirements.epoch(), message));
  }

  @Override
  public void sendStates(Address to, List<KeyEntry<?>> states, List<String> wants) {
    ReplicaId peer = membership().replicaOf(to);
    List<KeyBytes> encoded = new ArrayList<>(states.size());
    for (KeyEntry<?> entry : states) {
      // A tombstone the peer holds, or held before it collected it: sending it again could delete the key that
      // peer created since (Tombstones).
      if (peer == null || !entry.deleteHeldBy.contains(peer) || !entry.isTombstone()) {
        encoded.add(entry.stateToWire());
      }
    }
    if (encoded.isEmpty() && wants.isEmpty()) {
      return;
    }
    counters.statesSent.add(encoded.size());
    send(to, new States(encoded, wants));
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
    fromJGroups(() -> guarded("message from " + sender, () -> dispatcher.handle(sender, bytes, offset, length)));
  }

  @Override
  public void viewAccepted(View view) {
    fromJGroups(() -> guarded("view " + view, () -> onView(view)));
  }

  /**
   * Hands what JGroups delivers to the protocol thread. Closing the channel still delivers (the last view, a
   * peer's goodbye) after the protocol thread is gone: that is dropped, instead of throwing into JGroups' threads,
   * which logged it as an ERROR at every close.
   */
  private void fromJGroups(Runnable task) {
    try {
      protocol.execute(task);
    } catch (RejectedExecutionException e) {
      if (!closed) {
        throw e;
      }
    }
  }

  private void onView(View view) {
    Membership members = membership;
    if (members == null || closed) {
      return;
    }
    List<Address> joined = members.install(view);
    chunks.retainSenders(view.getMembers());
    // The view names every member's replica: every member learns a joiner when it installs the view, before any
    // message sent in it, so no collector collects without waiting for the joiner (GC.md, rule 8).
    for (ReplicaId replica : members.replicasOf(view)) {
      learned(replica);
    }
    retirements.viewChanged();
    watchAbsences();    // a replica back in the view starts from zero at once, not at the next tick
    quorums.viewChanged();
    boolean merged = view instanceof MergeView;
    if (merged) {
      counters.mergeViews.increment();
    }
    if (merged || !joined.isEmpty()) {
      members.resetSync();
      reports.resendAll();
      reportTick();
    }
    if (merged) {
      periodicRoundsFrom = System.nanoTime() + settings.antiEntropyInterval().toNanos();
      // The sides were in sync within themselves: only their coordinators compare, and each forwards what it
      // learned to its own side (FrameDispatcher), instead of every member comparing with every other.
      for (Address bridge : members.bridgesAfterMerge((MergeView) view)) {
        antiEntropy().startRound(bridge);
      }
    } else if (!joined.isEmpty()) {
      Address successor = members.successor();
      if (successor != null) {
        antiEntropy().startRound(successor);
      }
    }
  }

  /** States learned from the other side's coordinator after a merge go to every member of this side. */
  void forwardRepairs(List<KeyEntry<?>> changed) {
    List<KeyBytes> states = new ArrayList<>(changed.size());
    for (KeyEntry<?> entry : changed) {
      states.add(entry.stateToWire());
    }
    counters.statesSent.add(states.size());
    multicast(new WireMessage.Deltas(states));
  }

  /** The suspicions of failure detection, seen by the stack's SuspectWatch. */
  void suspected(Collection<Address> suspects) {
    fromJGroups(() -> {
      if (membership != null) {
        membership.suspect(suspects);
      }
    });
  }

  // ---- periodic work

  private void antiEntropyTick() {
    Membership members = membership;
    if (members == null) {
      return;
    }
    if (members.peers().isEmpty() || System.nanoTime() - periodicRoundsFrom < 0) {
      return;
    }
    antiEntropy().startRound(members.peerForAntiEntropy());
  }

  private void reportTick() {
    WireMessage.Reports changed = reports.changedReports(registry.entries());
    boolean announce = reports.takeAnnounce();
    if (!changed.groups().isEmpty() || announce || membership != null && !membership.allMembersKnown()) {
      counters.reportsSent.add(changed.groups().size());
      multicast(changed);
    }
    watchAbsences();
    retirements.tick();
    tombstoneTick();
    if (durable != null) {
      registry.entries().forEach(entry -> entry.snapshotIfDue(false));
    }
  }

  /** How this node started with respect to its directory. */
  DurableStart durableStart() {
    return durable == null ? DurableStart.NOT_DURABLE : durable.start();
  }

  /** The opt-in policy: hands the coordinator the replicas absent longer than {@code retireAbsentAfter}. */
  private void watchAbsences() {
    if (absences != null && membership != null) {
      retirements.overdue(absences.overdue(knownReplicas(), membership.memberReplicas(), System.nanoTime()));
    }
  }

  void antiEntropyWithAll() {
    if (membership != null) {
      membership.peers().forEach(antiEntropy()::startRound);
    }
  }

  // ---- what the protocol parts need

  void learned(ReplicaId replica) {
    registry.learned(replica, retirements.log());
  }

  Set<ReplicaId> knownReplicas() {
    return registry.knownReplicas(retirements.log());
  }

  long footprint(List<ReplicaId> replicas) {
    return registry.footprint(replicas);
  }

  /** Whether every key may be folded by a retirement now (GC.md, rule 9). */
  boolean readyForRetirement() {
    return registry.entries().stream().allMatch(KeyEntry::readyForRetirement);
  }

  /** Anti-entropy found every key equal with a peer: every key has caught up. */
  void allCaughtUp() {
    registry.entries().forEach(KeyEntry::caughtUp);
  }

  /** New entries of the retirement log: fold them into every key; this node stops writing if it is among them. */
  void applyRetirements(List<ReplicaId> retired) {
    registry.retire(retired);
    if (durable != null) {
      // After the folded states' snapshots; the coordinator takes the grown log once this returns.
      List<ReplicaId> log = new ArrayList<>(retirements.log().retired().asJava());
      retired.stream().filter(replica -> !log.contains(replica)).forEach(log::add);
      durable.saveRetirements(log);
    }
    if (retired.contains(settings.replica())) {
      writable = false;
      log.warn("{}: this replica is retired; it takes no more updates", settings.replica());
    }
    if (membership != null) {
      membership.resetSync();
    }
    reports.resendAll();
  }

  /**
   * The cluster retired this replica while it was away (NET.md, "Retirement"): whatever it writes now is dropped
   * by every member, so it closes instead of diverging silently, on a thread of its own (closing stops this one).
   */
  void retiredWhileAway(ReplicaId told) {
    if (retiredAway.getAndSet(true)) {
      return;
    }
    writable = false;
    log.error("{}: the cluster retired this replica while it was away from the view (absent longer than"
        + " retireAbsentAfter, or retired by an operator); members drop its frames, so its updates they did not"
        + " receive are lost. The node closes: restart it as a new incarnation (a fresh ReplicaId, blank state)"
        + " (told by {} and a majority of the view)", settings.replica(), told);
    Thread closing = new Thread(closer, "crdt-net-close-" + settings.replica());
    closing.setDaemon(true);
    closing.start();
  }

  /** What {@link #retiredWhileAway} runs to close the node: CrdtNode's close, which also unregisters its beans. */
  void closeWith(Runnable close) {
    this.closer = close;
  }

  Membership membership() {
    return java.util.Objects.requireNonNull(membership, "the node is not started");
  }

  AntiEntropy antiEntropy() {
    return java.util.Objects.requireNonNull(antiEntropy, "the node is not started");
  }

  Map<String, KeyEntry<?>> keys() {
    return registry.byName();
  }

  NetCounters counters() {
    return counters;
  }

  /** The node's hybrid logical clock: what received timestamps are checked against. */
  io.crdtkit.clock.HybridLogicalClock clock() {
    return clock;
  }

  RetirementCoordinator retirements() {
    return retirements;
  }

  /** This node's reads and writes at a consistency level. */
  QuorumRequests quorums() {
    return quorums;
  }

  /** Answers the other members' reads and writes at a consistency level. */
  QuorumResponder quorumResponder() {
    return quorumResponder;
  }

  /** Key types and the keys created from them at runtime. */
  RuntimeKeys runtimeKeys() {
    return runtimeKeys;
  }

  ReportGossip reportGossip() {
    return reports;
  }

  ChunkAssembler chunks() {
    return chunks;
  }

  NodeSettings settings() {
    return settings;
  }

  JChannel channel() {
    return channel;
  }

  ScheduledExecutorService protocolThread() {
    return protocol;
  }

  void stopWriting() {
    writable = false;
  }

  /** Runs protocol work so that nothing it throws escapes: a bad message or a bug is logged, never fatal. */
  private void guarded(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      if (!closed) {
        log.error("{}: {} failed; dropped", settings.replica(), what, e);
      }
    }
  }

  void close() {
    if (closed) {
      return;
    }
    pendingUpdates.close("node " + settings.replica() + " closed");
    try {
      if (!Thread.currentThread().getName().equals("crdt-net-" + settings.replica())) {
        protocol.submit(this::flushDeltas).get(2, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      log.debug("{}: last flush did not finish: {}", settings.replica(), e.toString());
    }
    closed = true;
    protocol.shutdownNow();
    channel.close();
    if (durable != null) {
      durable.close();
    }
    retirements.failWaiters(new IllegalStateException("node " + settings.replica() + " closed"));
    quorums.closed(new IllegalStateException("node " + settings.replica() + " closed while a read or write at a"
        + " consistency level waited"));
  }

  boolean isClosed() {
    return closed;
  }
}
