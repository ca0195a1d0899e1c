package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtMappers;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apiguardian.api.API;
import org.jgroups.JChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * A member of a cluster that replicates named CRDT values (NET.md): local updates apply at once and their deltas
 * are multicast; anti-entropy compares digests periodically and right after every merge and join, and sends only
 * what differs, so the cluster heals by itself after a partition with nothing lost. Garbage collection learns the
 * members from the views and the stability reports from gossip; a replica leaves the replica set only when it is
 * retired ({@link #retire}, {@link #leave}), never merely because it left the view (unless it stays away longer than
 * {@link CrdtNodeBuilder#retireAbsentAfter}, which is off by default). Thread-safe.
 *
 * <pre>{@code
 * try (CrdtNode node = CrdtNode.builder("shop").stack(JGroupsStack.inJvm()).start()) {
 *   Replicated<ORSet<String>> tags = node.register("tags", ORSet.empty(), new TypeReference<ORSet<String>>() {});
 *   tags.update((set, self) -> set.deltaAdd(self, "sale"));
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CrdtNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CrdtNode.class);

  /** The longest key name, in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 512;

  private final ReplicationEngine engine;
  private final SmileMapper mapper;
  /** The node's mapper with half the limits: lets a key's writer check its state in full only now and then. */
  private final SmileMapper halvedMapper;
  private final NodeBeans beans;

  private CrdtNode(ReplicationEngine engine, SmileMapper mapper, SmileMapper halvedMapper) {
    this.engine = engine;
    this.mapper = mapper;
    this.halvedMapper = halvedMapper;
    this.beans = new NodeBeans(this);
  }

  /**
   * A builder for a node of {@code cluster}.
   *
   * @param cluster the JGroups cluster name: nodes with the same name on reachable stacks form one cluster; not
   *                null, not blank
   * @return a new builder with every other setting at its default
   * @throws IllegalArgumentException if {@code cluster} is blank
   * @throws NullPointerException     if {@code cluster} is null
   */
  public static CrdtNodeBuilder builder(String cluster) {
    return new CrdtNodeBuilder(cluster);
  }

  /** A node that knows {@code types} before it joins: entries of their keys arriving while it joins are taken. */
  static CrdtNode start(NodeSettings settings, List<CrdtKeyType<?>> types, @Nullable DurableKeys durable) {
    JGroupsHardening.install();
    JChannel channel;
    try {
      channel = settings.stack().createChannel(settings.bindAddress());
    } catch (Exception e) {
      if (durable != null) {
        durable.close();
      }
      throw new IllegalStateException("cannot create a JGroups channel on " + settings.stack() + ": " + e, e);
    }
    ReplicationEngine engine = new ReplicationEngine(settings, channel, durable);
    types.forEach(engine.runtimeKeys()::registerType);
    try {
      engine.start();
    } catch (Exception e) {
      channel.close();
      if (durable != null) {
        durable.close();
      }
      throw new IllegalStateException("cannot join cluster '" + settings.cluster() + "' on " + settings.stack()
          + ": " + e, e);
    }
    PeerCrashLog.installOn(channel);
    CrdtNode node = new CrdtNode(engine, CrdtMappers.smile(settings.codecLimits()),
        CrdtMappers.smile(WriteLimits.halve(settings.codecLimits())));
    engine.closeWith(node::close);
    if (settings.jmx()) {
      node.beans.register();
    }
    if (durable != null) {
      log.info("{} joined cluster '{}' on {}, {} from {}", settings.replica(), settings.cluster(), settings.stack(),
          durable.start() == DurableStart.RESTORED ? "restored" : "durable in a new directory", durable.directory());
    } else {
      log.info("{} joined cluster '{}' on {}", settings.replica(), settings.cluster(), settings.stack());
    }
    return node;
  }

  /**
   * A hybrid logical clock for this node's replica, for writes to last-writer-wins types:
   * {@code map.update((state, self) -> state.deltaPut(node.clock(), key, value))}. Received timestamps are checked
   * against the same maximum offset ({@link CrdtNodeBuilder#maxClockOffset}).
   *
   * @return the node's clock, the same instance on every call; thread-safe
   */
  public HybridLogicalClock clock() {
    return engine.clock();
  }

  /**
   * This node's replica id (this incarnation's).
   *
   * @return the id given to {@link CrdtNodeBuilder#replica}, or the fresh one the builder made
   */
  public ReplicaId replica() {
    return engine.settings().replica();
  }

  /**
   * Registers a key with its initial value (usually the type's empty value) and returns its handle. Every member
   * that replicates the key registers it with the same type; what others hold of it is merged in as it arrives. A
   * key this node already holds because it was created at runtime ({@link #replicated}, or received as a key of a
   * {@link #registerType registered type}) is taken over if its type is the same, its state merged with
   * {@code initial}.
   *
   * @param <S>     the CRDT type
   * @param key     the key's name, the same on every member: 1 to {@link #MAX_KEY_BYTES} bytes in UTF-8; not null
   * @param initial the value before anything is merged in, usually the type's empty value; not null
   * @param type    the full type, type arguments included ({@code new TypeReference<ORSet<String>>() {}}); not null
   * @return the key's handle
   * @throws IllegalArgumentException if the key is already registered, or held here as another type, or its name is
   *     empty or too long
   * @throws IllegalStateException    if the node is closed
   * @throws NullPointerException     if an argument is null
   */
  public <S extends Crdt<S>> Replicated<S> register(String key, S initial, TypeReference<S> type) {
    Objects.requireNonNull(type, "type");
    return register(key, initial, CrdtCodec.of(mapper, type), CrdtCodec.of(halvedMapper, type));
  }

  /**
   * {@link #register(String, Crdt, TypeReference)} for a type without type parameters ({@code GCounter}...).
   *
   * @param <S>     the CRDT type
   * @param key     the key's name, the same on every member: 1 to {@link #MAX_KEY_BYTES} bytes in UTF-8; not null
   * @param initial the value before anything is merged in, usually the type's empty value; not null
   * @param type    the class of the type; not null
   * @return the key's handle
   * @throws IllegalArgumentException if the key is already registered, or held here as another type, or its name is
   *     empty or too long
   * @throws IllegalStateException    if the node is closed
   * @throws NullPointerException     if an argument is null
   */
  public <S extends Crdt<S>> Replicated<S> register(String key, S initial, Class<S> type) {
    Objects.requireNonNull(type, "type");
    return register(key, initial, CrdtCodec.of(mapper, type), CrdtCodec.of(halvedMapper, type));
  }

  /**
   * {@link #register(String, Crdt, TypeReference)} with your own codec, for element types that need your own Jackson
   * modules. Every member must encode the key with the same mapper configuration, since digests hash the bytes.
   *
   * @param <S>     the CRDT type
   * @param key     the key's name, the same on every member: 1 to {@link #MAX_KEY_BYTES} bytes in UTF-8; not null
   * @param initial the value before anything is merged in, usually the type's empty value; not null
   * @param codec   encodes and decodes the key's states and deltas; not null. Its limits bound what this node
   *                decodes of the key, besides the node's own {@link CrdtNodeBuilder#codecLimits}.
   * @return the key's handle
   * @throws IllegalArgumentException if the key is already registered, or held here as another type, or its name is
   *     empty or too long
   * @throws IllegalStateException    if the node is closed
   * @throws NullPointerException     if an argument is null
   */
  public <S extends Crdt<S>> Replicated<S> register(String key, S initial, CrdtCodec<S> codec) {
    return register(key, initial, codec, null);
  }

  private <S extends Crdt<S>> Replicated<S> register(String key, S initial, CrdtCodec<S> codec,
      @Nullable CrdtCodec<S> halved) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(initial, "initial value");
    Objects.requireNonNull(codec, "codec");
    CrdtKey.requireValidName(key);
    engine.status().requireOpen();
    return new Replicated<>(engine.runtimeKeys().register(key, initial, codec, halved), engine);
  }

  /**
   * Registers a key type: from now on a key of this type that another member creates appears here too, created
   * from the type's bottom when its first state or delta arrives (NET.md, "Keys"). Register the types before the
   * keys are used; an entry of a type not registered here is refused ({@link RefusalCause#UNKNOWN_TYPE}) and taken
   * by a later anti-entropy round once the type is registered.
   *
   * @param type the key type; not null. Registering an equal type again changes nothing.
   * @throws IllegalArgumentException if a type with the same id but another bottom is registered
   * @throws NullPointerException     if {@code type} is null
   */
  public void registerType(CrdtKeyType<?> type) {
    engine.runtimeKeys().registerType(Objects.requireNonNull(type, "type"));
  }

  /**
   * The handle of a typed key, creating the key here (from its type's bottom) if this node does not hold it yet,
   * and registering its type. The other members that know the type create the key as its first update reaches them,
   * or by anti-entropy.
   *
   * <pre>{@code
   * node.replicated(CART).update((set, self) -> set.deltaAdd(self, "milk"));
   * }</pre>
   *
   * @param <S> the CRDT type
   * @param key the key; not null
   * @return the key's handle; every call returns a handle of the same key
   * @throws IllegalArgumentException if this node holds the key as another type (the message names both), or the
   *     key's type id is registered here with another bottom
   * @throws IllegalStateException    if the node is closed
   * @throws NullPointerException     if {@code key} is null
   */
  public <S extends Crdt<S>> Replicated<S> replicated(CrdtKey<S> key) {
    Objects.requireNonNull(key, "key");
    engine.status().requireOpen();
    return new Replicated<>(engine.runtimeKeys().replicated(key), engine);
  }

  /**
   * Tells {@code listener} about every key created on this node from now on: by {@link #register}, by
   * {@link #replicated}, or on receipt of a key of a registered type.
   *
   * @param listener told once per new key; not null
   * @throws NullPointerException if {@code listener} is null
   */
  public void onKeys(KeyListener listener) {
    engine.runtimeKeys().onKeys(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * How this node started with respect to its directory ({@link CrdtNodeBuilder#durable}): restored from it (the
   * same replica id and state), in a new directory, or fresh after finding it damaged; or not durable at all.
   *
   * @return how this node started; {@link DurableStart#NOT_DURABLE} without {@code durable(..)}
   */
  public DurableStart durableStart() {
    return engine.durableStart();
  }

  /**
   * The replicas in the current view whose ids are known, this one included.
   *
   * @return their replica ids, in view order; a snapshot, not updated as the view changes
   */
  public List<ReplicaId> members() {
    return engine.membership().memberReplicas();
  }

  /**
   * A snapshot of this node's membership, synchronization, traffic and garbage-collection figures.
   *
   * @return a new snapshot; counters count from the node's start
   */
  public NetStats stats() {
    return NetStats.of(replica(), engine);
  }

  /**
   * The keys whose digests differed from some peer's in the last anti-entropy comparison and have not been seen
   * equal since (empty when every peer was last found in sync): the per-key view of {@link NetStats#peers()}.
   *
   * @return the names of those keys, sorted; a new set
   */
  public java.util.Set<String> outOfSyncKeys() {
    return engine.membership().outOfSyncKeys();
  }

  /**
   * Retires replicas that are gone for good (crashed, or old incarnations of restarted members): their entries are
   * folded away once every live member holds all of their updates, and garbage collection stops waiting for them.
   * Only the view's coordinator appends to the retirement log, and only while every other member of the replica
   * set is in its view; until then the request waits. Never retire a replica that may still write.
   *
   * @param replicas the replica incarnations to retire: replicas this node knows of (seen in a view, or in a
   *                 state's clocks), not this node's own (it leaves with {@link #leave}), none null, not
   *                 {@link io.crdtkit.gc.RetirementLog#HEIR} (it is never retired). Replicas already retired count
   *                 as retired at once.
   * @return completed once they are retired here; completed exceptionally with an {@link IllegalStateException}
   *     if the node closes first
   * @throws IllegalArgumentException if {@code replicas} holds this node's replica, the heir, or a replica this node
   *     does not know of (a request for it could never complete)
   * @throws IllegalStateException    if the node is closed
   * @throws NullPointerException     if {@code replicas} is null or holds null
   */
  public CompletableFuture<Void> retire(ReplicaId... replicas) {
    return engine.retirementRequests().retire(List.of(replicas));
  }

  /**
   * Retires every replica of the replica set that is not in the current view: the operator's way of saying that
   * whatever is missing now is dead (after a crash and restart, the old incarnation). Completed at once if none is.
   * {@link CrdtNodeBuilder#retireAbsentAfter} does the same without an operator, for replicas absent long enough.
   *
   * @return completed once every replica that was absent when it was called is retired here, as {@link #retire}
   * @throws IllegalStateException if the node is closed
   */
  public CompletableFuture<Void> retireAbsent() {
    return engine.retirementRequests().retireAbsent();
  }

  /**
   * Leaves gracefully: stops taking updates, sends what is pending, has the cluster retire this replica (once every
   * other member holds all of its updates), then closes. Use it for planned shutdowns: a replica that just
   * disappears stays in the replica set and stalls garbage collection until it is retired.
   *
   * @return completed once this replica is retired and the node closed; completed exceptionally with an
   *     {@link IllegalStateException} if the node is closed before it is retired
   * @throws IllegalStateException if the node is already closed
   */
  public CompletableFuture<Void> leave() {
    return engine.retirementRequests().leave(this::close);
  }

  /** The JGroups channel, for tests that inject views and drop messages. */
  JChannel channel() {
    return engine.channel();
  }

  ReplicationEngine engine() {
    return engine;
  }

  /** Leaves the cluster view (without retiring: this replica may come back with its state). */
  @Override
  public void close() {
    beans.unregister();
    engine.close();
  }

  @Override
  public String toString() {
    return "CrdtNode{" + replica() + ", " + engine.settings().stack() + "}";
  }
}
