package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.jackson.CodecLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Configures and starts a {@link CrdtNode}. Every setting has a default but the cluster name and the stack: which
 * network a node joins is never left to a default (an in-JVM default silently made a node that forgot
 * {@link #stack} a cluster of one).
 *
 * <pre>{@code
 * CrdtNode node = CrdtNode.builder("carts")
 *     .stack(JGroupsStack.tcp(7800, List.of(7800, 7801, 7802)))
 *     .replica(ReplicaId.fresh("cart-node"))       // the default: a fresh incarnation
 *     .start();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CrdtNodeBuilder {

  private final String cluster;
  // null: a fresh incarnation at every start(), so two nodes started from one builder never share an id
  private @Nullable ReplicaId replica;
  // null: the node keeps nothing on disk
  private DurableKeys.@Nullable Settings durability;
  private @Nullable JGroupsStack stack;
  private String bindAddress = "127.0.0.1";
  private int maxMessageBytes = 256 * 1024;
  private CodecLimits codecLimits = CodecLimits.defaults();
  private Duration flushDelay = Duration.ofMillis(5);
  private Duration antiEntropyInterval = Duration.ofSeconds(1);
  private Duration reportInterval = Duration.ofMillis(500);
  private int treeDepth = 4;
  private boolean jmx;
  private Duration catchUpTimeout = Duration.ofSeconds(10);
  private Duration maxClockOffset = HybridLogicalClock.DEFAULT_MAX_OFFSET;
  private int maxPendingUpdates = 10_000;
  private int maxPendingUpdatesPerNode = 100_000;
  private Backpressure whenPendingFull = Backpressure.waitUpTo(Duration.ofSeconds(1));
  // null: absent replicas wait for an operator's retire() or retireAbsent()
  private @Nullable Duration retireAbsentAfter;
  private final List<CrdtKeyType<?>> types = new ArrayList<>();

  CrdtNodeBuilder(String cluster) {
    Objects.requireNonNull(cluster, "cluster");
    if (cluster.isBlank()) {
      throw new IllegalArgumentException("the cluster name must not be blank");
    }
    this.cluster = cluster;
  }

  /**
   * This node's replica id. The default is a fresh one ({@link ReplicaId#fresh}) for every {@link #start()}: a node
   * that starts without its old state is a new incarnation and must never reuse an old id. Reuse one only with the
   * state it wrote.
   *
   * @param replica this node's replica id; not null, and not {@link io.crdtkit.gc.RetirementLog#HEIR}
   * @return this builder
   * @throws IllegalArgumentException if {@code replica} is {@link io.crdtkit.gc.RetirementLog#HEIR}
   * @throws NullPointerException if {@code replica} is null
   */
  public CrdtNodeBuilder replica(ReplicaId replica) {
    if (Objects.requireNonNull(replica, "replica").equals(io.crdtkit.gc.RetirementLog.HEIR)) {
      throw new IllegalArgumentException(replica + " is the heir of retired replicas, not a replica a node may be");
    }
    this.replica = replica;
    return this;
  }

  /**
   * The JGroups stack; required: there is no default, so that a node never joins another network than the one
   * meant ({@link JGroupsStack#inJvm()} for tests and demos in one JVM, {@link JGroupsStack#tcp} or
   * {@link JGroupsStack#kubernetes} between processes).
   *
   * @param stack the stack every member of the cluster runs (the same preset, key or TLS setup); not null
   * @return this builder
   * @throws NullPointerException if {@code stack} is null
   */
  public CrdtNodeBuilder stack(JGroupsStack stack) {
    this.stack = Objects.requireNonNull(stack, "stack");
    return this;
  }

  /**
   * The address the TCP presets bind every socket to; the default is 127.0.0.1. The in-JVM, Kubernetes and XML
   * stacks do not use it.
   *
   * @param bindAddress an IP address or host name of this host, as JGroups' {@code bind_addr} takes it; with
   *                    {@link JGroupsStack#tcp} the peers are looked for at the same address; not null
   * @return this builder
   * @throws NullPointerException if {@code bindAddress} is null
   */
  public CrdtNodeBuilder bindAddress(String bindAddress) {
    this.bindAddress = Objects.requireNonNull(bindAddress, "bind address");
    return this;
  }

  /**
   * The largest message sent (default 256 KiB); larger frames, such as big states, are split into chunks.
   *
   * @param bytes the size, in bytes; at least 1024
   * @return this builder
   * @throws IllegalArgumentException if {@code bytes} is below 1024
   */
  public CrdtNodeBuilder maxMessageBytes(int bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("the maximum message size must be at least 1024 bytes, got " + bytes);
    }
    this.maxMessageBytes = bytes;
    return this;
  }

  /**
   * What a received document may hold (crdt-jackson); it also bounds a reassembled message. The default is
   * {@link CodecLimits#defaults()}.
   *
   * @param limits the limits; not null
   * @return this builder
   * @throws NullPointerException if {@code limits} is null
   */
  public CrdtNodeBuilder codecLimits(CodecLimits limits) {
    this.codecLimits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /**
   * How long local deltas wait to be batched into one message (default 5 ms). Longer batches more updates into a
   * message; zero sends as soon as the protocol thread gets to it.
   *
   * @param delay the wait; zero or positive, not null
   * @return this builder
   * @throws IllegalArgumentException if {@code delay} is negative
   * @throws NullPointerException     if {@code delay} is null
   */
  public CrdtNodeBuilder flushDelay(Duration delay) {
    this.flushDelay = requireNonNegative(delay, "flush delay");
    return this;
  }

  /**
   * How often a round of anti-entropy starts with one peer (default 1 s); also after every merge and join.
   *
   * @param interval the time between rounds; positive, not null
   * @return this builder
   * @throws IllegalArgumentException if {@code interval} is zero or negative
   * @throws NullPointerException     if {@code interval} is null
   */
  public CrdtNodeBuilder antiEntropyInterval(Duration interval) {
    this.antiEntropyInterval = requirePositive(interval, "anti-entropy interval");
    return this;
  }

  /**
   * How often stability reports are gossiped and pending retirements checked (default 500 ms).
   *
   * @param interval the time between reports; positive, not null
   * @return this builder
   * @throws IllegalArgumentException if {@code interval} is zero or negative
   * @throws NullPointerException     if {@code interval} is null
   */
  public CrdtNodeBuilder reportInterval(Duration interval) {
    this.reportInterval = requirePositive(interval, "report interval");
    return this;
  }

  /**
   * The depth of the 16-way digest tree (default 4: 65,536 leaves, for up to about a million keys). Nodes with
   * different depths still compare, only less efficiently.
   *
   * @param depth the number of levels below the root; 1 to 6
   * @return this builder
   * @throws IllegalArgumentException if {@code depth} is not 1 to 6
   */
  public CrdtNodeBuilder treeDepth(int depth) {
    if (depth < 1 || depth > 6) {
      throw new IllegalArgumentException("the tree depth must be 1 to 6, got " + depth);
    }
    this.treeDepth = depth;
    return this;
  }

  /**
   * How long an update on a node that joined a running cluster waits for its key to catch up with the others'
   * state before it fails (default 10 s; see {@link Replicated#update}).
   *
   * @param timeout the longest wait; positive, not null
   * @return this builder
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   * @throws NullPointerException     if {@code timeout} is null
   */
  public CrdtNodeBuilder catchUpTimeout(Duration timeout) {
    this.catchUpTimeout = requirePositive(timeout, "catch-up timeout");
    return this;
  }

  /**
   * How far ahead of this node's clock a received timestamp may be (default
   * {@link HybridLogicalClock#DEFAULT_MAX_OFFSET}): a state or delta of a last-writer-wins type with a later
   * timestamp is refused where it arrives, and counted ({@link RefusalCause#FUTURE_TIMESTAMP}). The node's
   * {@link CrdtNode#clock()} uses the same offset.
   *
   * @param offset the largest offset accepted; positive, not null. Every member should use the same.
   * @return this builder
   * @throws IllegalArgumentException if {@code offset} is zero or negative
   * @throws NullPointerException     if {@code offset} is null
   */
  public CrdtNodeBuilder maxClockOffset(Duration offset) {
    this.maxClockOffset = requirePositive(offset, "max clock offset");
    return this;
  }

  /**
   * How many local updates of one key may be pending (default 10,000): applied here, and not yet handed to JGroups
   * by a flush. A flush sends them every {@link #flushDelay}, so the cap is reached only when sending is held up
   * (flow control waiting for a slow peer, a busy protocol thread); an update past it then waits or fails as
   * {@link #whenPendingFull} says, so memory stays bounded (NET.md, "Backpressure").
   *
   * @param updates the cap per key; positive
   * @return this builder
   * @throws IllegalArgumentException if {@code updates} is zero or negative
   */
  public CrdtNodeBuilder maxPendingUpdates(int updates) {
    this.maxPendingUpdates = requirePositive(updates, "maxPendingUpdates");
    return this;
  }

  /**
   * How many local updates of all keys together may be pending (default 100,000); see {@link #maxPendingUpdates}.
   *
   * @param updates the cap for the node; positive
   * @return this builder
   * @throws IllegalArgumentException if {@code updates} is zero or negative
   */
  public CrdtNodeBuilder maxPendingUpdatesPerNode(int updates) {
    this.maxPendingUpdatesPerNode = requirePositive(updates, "maxPendingUpdatesPerNode");
    return this;
  }

  /**
   * What an update does when its key or the node has as many pending updates as allowed (default
   * {@code Backpressure.waitUpTo(Duration.ofSeconds(1))}): wait for room, or {@link Backpressure#fail() fail} at once.
   * A refused update changes nothing and throws a {@link PendingUpdatesFullException}.
   *
   * @param policy {@link Backpressure#waitUpTo} or {@link Backpressure#fail()}; not null
   * @return this builder
   * @throws NullPointerException if {@code policy} is null
   */
  public CrdtNodeBuilder whenPendingFull(Backpressure policy) {
    this.whenPendingFull = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Retires a replica automatically once it has been absent from the view for {@code absence} (default: never; an
   * operator calls {@link CrdtNode#retireAbsent()}). Garbage collection then resumes without an operator after a
   * crash. The view's coordinator does it, through the same protocol as {@link CrdtNode#retireAbsent()}: only when
   * every live member holds the same updates of the absent replica and is ready, and only while the view holds a
   * strict majority of the replica set (so two sides of a partition never both retire); otherwise it tries again
   * later. A replica's absence counts from when it left the view and starts again if it comes back.
   *
   * <p>What it can lose: nothing that a live member holds. What it cannot save: a member that was only cut off
   * (alive, and writing on the other side of a partition) longer than {@code absence} is retired like a crashed
   * one; its updates the majority did not receive are lost. When it comes back it is told, and it closes with an
   * ERROR in its log: it must restart as a new incarnation (a fresh {@link ReplicaId}, blank state). Choose
   * {@code absence} far above the longest partition to be survived (NET.md, "Retirement"). Every member should use
   * the same setting: whichever is coordinator applies its own.
   *
   * @param absence how long a replica may be absent; positive, not null
   * @return this builder
   * @throws IllegalArgumentException if {@code absence} is zero or negative
   * @throws NullPointerException     if {@code absence} is null
   */
  public CrdtNodeBuilder retireAbsentAfter(Duration absence) {
    this.retireAbsentAfter = requirePositive(Objects.requireNonNull(absence, "absence"), "retireAbsentAfter");
    return this;
  }

  /**
   * Registers the node's statistics and the JGroups channel as JMX beans (default off): {@link CrdtNodeMXBean}
   * on the platform MBean server, removed when the node closes.
   *
   * @param register whether to register them
   * @return this builder
   */
  public CrdtNodeBuilder jmx(boolean register) {
    this.jmx = register;
    return this;
  }

  /**
   * Key types the node knows from its start ({@link CrdtNode#registerType}): keys of these types that other members
   * create appear on the node, also those whose entries arrive while it joins.
   *
   * @param keyTypes the key types, added to those given before; none null
   * @return this builder
   * @throws IllegalArgumentException if two of the types have the same id and different bottoms
   * @throws NullPointerException     if {@code keyTypes} is or holds null
   */
  public CrdtNodeBuilder types(CrdtKeyType<?>... keyTypes) {
    for (CrdtKeyType<?> type : keyTypes) {
      Objects.requireNonNull(type, "key type");
      for (CrdtKeyType<?> before : types) {
        if (before.id().equals(type.id()) && !before.equals(type)) {
          throw new IllegalArgumentException("key type " + type.id() + " is given twice with different bottoms ("
              + before.bottom() + " and " + type.bottom() + ")");
        }
      }
      types.add(type);
    }
    return this;
  }

  /**
   * Makes the node durable (NET.md, "Durable members"): it keeps its identity and every key's state in
   * {@code directory} (crdt-store, on RocksDB), and a restart from the directory is the same incarnation: the same
   * replica id, no new clock entry, every key's state restored, then caught up from the others by anti-entropy. A
   * new (missing or empty) directory starts a fresh incarnation and keeps it there; leave {@link #replica} unset.
   * Two processes can never open one directory. A damaged directory, or one that may have lost acknowledged writes,
   * is never restarted from: {@link #start()} fails, or with {@link #freshIncarnationIfDamaged()} moves it aside and
   * starts a fresh incarnation ({@link CrdtNode#durableStart()} says which happened).
   *
   * <p>What {@code durability} guarantees for a local update: {@link io.crdtkit.store.Durability#SYNC SYNC}, on disk
   * before {@code update()} returns (and if it cannot be written, {@code update()} fails with nothing changed);
   * {@link io.crdtkit.store.Durability#GROUP_COMMIT GROUP_COMMIT}, on disk within a few milliseconds, fsyncs shared
   * by concurrent updates: {@code update(mutator, WriteConsistency.local())} completes once it is; and
   * {@link io.crdtkit.store.Durability#ASYNC ASYNC}, written but not synced (it survives the process, not the
   * machine). In every mode an update is sent to the others only once written, so a restart never repeats a dot.
   *
   * @param directory  the node's own directory; created if missing
   * @param durability how durable a local update is when it counts as done; not null
   * @return this builder
   * @throws NullPointerException if an argument is null
   */
  public CrdtNodeBuilder durable(java.nio.file.Path directory, io.crdtkit.store.Durability durability) {
    DurableKeys.Settings before = this.durability;
    this.durability = new DurableKeys.Settings(Objects.requireNonNull(directory, "directory"),
        Objects.requireNonNull(durability, "durability"), before != null && before.freshIfDamaged(),
        before != null ? before.window() : io.crdtkit.store.StoreOptions.defaults().groupCommitWindow());
    return this;
  }

  /**
   * With {@link #durable}: a damaged directory (a record failing its checksum, a torn or truncated file), or one
   * written with {@code ASYNC} on a machine that went down since, is moved aside (renamed
   * {@code <directory>.damaged-<millis>}) and the node starts as a fresh incarnation, logging a WARN; without this,
   * {@link #start()} fails naming the damage. The default is to fail.
   *
   * @return this builder
   * @throws IllegalStateException if {@link #durable} was not called before
   */
  public CrdtNodeBuilder freshIncarnationIfDamaged() {
    if (durability == null) {
      throw new IllegalStateException("freshIncarnationIfDamaged() applies to a durable node: call durable(..) first");
    }
    durability = durability.with(true, durability.window());
    return this;
  }

  /**
   * With {@link #durable} in {@code GROUP_COMMIT}: how long the first write waiting for an fsync waits for others to
   * share it (it stops waiting early when a quarter of the window passes without one). The default, 2 ms, suits
   * writers that keep many updates in flight ({@code update()} without waiting): their throughput stays close to
   * {@code ASYNC}'s. Writers that wait for each update to be on disk ({@code update(.., WriteConsistency.local())}
   * and joining it) do better with {@link Duration#ZERO}: an fsync starts as soon as the one before ends, and the
   * writes that arrive meanwhile share the next (benchmarks' {@code results/DURABILITY.md} has both).
   *
   * @param window how long to wait for more writes before an fsync; zero or positive, not null
   * @return this builder
   * @throws IllegalStateException    if {@link #durable} was not called before
   * @throws IllegalArgumentException if {@code window} is negative
   */
  public CrdtNodeBuilder groupCommitWindow(Duration window) {
    if (durability == null) {
      throw new IllegalStateException("groupCommitWindow(..) applies to a durable node: call durable(..) first");
    }
    durability = durability.with(durability.freshIfDamaged(), requireNonNegative(window, "group-commit window"));
    return this;
  }

  /**
   * Creates the channel and joins the cluster. Each call starts a new node with the settings as they are now; without
   * an explicit {@link #replica}, each gets a fresh replica id. Two nodes started with the same explicit id must not
   * run at once: set another {@link #replica} in between.
   *
   * @return the started node, a member of the cluster's view; close it (or {@link CrdtNode#leave}) when done
   * @throws IllegalStateException if no {@link #stack} was chosen, or the channel cannot be created or connected
   */
  public CrdtNode start() {
    if (stack == null) {
      throw new IllegalStateException("no JGroups stack chosen for cluster '" + cluster + "': call .stack(..) with"
          + " JGroupsStack.inJvm() (members in this JVM), JGroupsStack.tcp(port, peerPorts) (processes on one host),"
          + " tcpHosts(..), kubernetes(..) or xml(..)");
    }
    DurableKeys durable = durability == null ? null : DurableKeys.open(durability, replica, "node");
    ReplicaId id = durable != null ? durable.replica() : replica != null ? replica : ReplicaId.fresh("node");
    NodeSettings settings = new NodeSettings(cluster, id, stack, bindAddress, maxMessageBytes, codecLimits,
        flushDelay, antiEntropyInterval, reportInterval, treeDepth, jmx, catchUpTimeout, maxClockOffset,
        maxPendingUpdates, maxPendingUpdatesPerNode, whenPendingFull, retireAbsentAfter);
    return CrdtNode.start(settings, List.copyOf(types), durable);
  }

  private static Duration requirePositive(Duration duration, String what) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + duration);
    }
    return duration;
  }

  private static int requirePositive(int value, String what) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
    return value;
  }

  private static Duration requireNonNegative(Duration duration, String what) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, got " + duration);
    }
    return duration;
  }
}
