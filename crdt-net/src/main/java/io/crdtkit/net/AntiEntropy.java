package io.crdtkit.net;

import io.crdtkit.net.WireMessage.InSync;
import io.crdtkit.net.WireMessage.KeyDigest;
import io.crdtkit.net.WireMessage.KeyHash;
import io.crdtkit.net.WireMessage.NodeHash;
import io.crdtkit.net.WireMessage.States;
import io.crdtkit.net.WireMessage.TreeDigest;
import io.crdtkit.net.WireMessage.TreeNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jgroups.Address;

/**
 * Digest anti-entropy (NET.md, "Anti-entropy"): two nodes walk down their digest trees together, each message
 * carrying only the nodes that differed, until the differing ranges are small enough to list their keys; then each
 * sends its state of every key that differs and asks for the other's. Divergence of {@code k} keys among {@code n}
 * costs about {@code k · log16(n)} node hashes plus the {@code k} states, not {@code n}. A key found equal to a
 * peer's, or merged from a peer's state, has caught up (crdt-gc's GC.md, rule 8). Owned by the protocol thread.
 */
final class AntiEntropy {

  /** Below this many keys under a differing node (on either side), its keys are listed instead of its children. */
  static final int LIST_KEYS_BELOW = 16;

  /** A key's place in the key-hash order of the tree. */
  private record Position(long keyHash, String key) implements Comparable<Position> {
    @Override
    public int compareTo(Position other) {
      int byHash = Long.compareUnsigned(keyHash, other.keyHash);
      return byHash != 0 ? byHash : key.compareTo(other.key);
    }
  }

  interface Outbound {
    void send(Address to, WireMessage message);

    void sendStates(Address to, List<KeyEntry<?>> states, List<String> wants);
  }

  private final HashTree tree;
  /**
   * How long a key's hash serves while its state keeps changing: a key written without pause would otherwise be
   * encoded whole at every digest message of every round (the protocol thread's main cost under steady writes).
   */
  private final long rehashEveryNanos;
  /**
   * What a changed key waiting to be rehashed shows in this node's digests: a number of this node's own, which no
   * peer's hash equals. Never its older hash: a peer holding that older state would find itself equal, and take
   * itself as caught up while this node has more (GC.md, rule 8; {@code CatchUpTest} caught exactly that).
   */
  private final long unhashed;
  private final NavigableMap<Position, KeyEntry<?>> index = new TreeMap<>();
  private final Queue<KeyEntry<?>> dirty = new ConcurrentLinkedQueue<>();
  private final Outbound outbound;
  private final Membership membership;
  private final NetCounters counters;

  /**
   * @param rehashEvery how long after its last hash a changed key waits to be hashed again (half the anti-entropy
   *                    interval); meanwhile it shows as {@link #unhashed}, differing from every peer's
   */
  AntiEntropy(int depth, Duration rehashEvery, Outbound outbound, Membership membership, NetCounters counters) {
    this.tree = new HashTree(depth);
    this.rehashEveryNanos = rehashEvery.toNanos();
    this.unhashed = new SplittableRandom().nextLong();
    this.outbound = outbound;
    this.membership = membership;
    this.counters = counters;
  }

  /** Any thread: this key's state changed, rehash it before the next digest. */
  void markDirty(KeyEntry<?> entry) {
    dirty.add(entry);
  }

  /**
   * Rehashes the keys whose state changed since the last digest and updates the tree. A key hashed less than
   * {@code rehashEvery} ago stays dirty until then, and shows as {@link #unhashed} meanwhile: it compares different
   * from every peer's, so anti-entropy exchanges its state, as it would anyway for a key whose deltas are in flight.
   */
  void refresh() {
    long now = System.nanoTime();
    List<KeyEntry<?>> notDue = List.of();
    for (KeyEntry<?> entry = dirty.poll(); entry != null; entry = dirty.poll()) {
      if (entry.inTree && !entry.isCollected() && now - entry.hashedAt < rehashEveryNanos) {
        if (notDue.isEmpty()) {
          notDue = new ArrayList<>();
        }
        notDue.add(entry);   // still marked dirty: a change meanwhile does not queue it twice
        show(entry, unhashed);
        continue;
      }
      entry.dirty.set(false);
      if (entry.isCollected()) {
        continue;       // removed by forget(), or never in the tree
      }
      long hash = entry.stateHash();
      entry.hashedAt = now;
      if (!entry.inTree) {
        index.put(new Position(entry.keyHash, entry.name), entry);
        tree.update(entry.keyHash, 0, HashTree.mix(entry.keyHash, hash), 1);
        entry.inTree = true;
        entry.stateHash = hash;
      } else {
        show(entry, hash);
      }
    }
    dirty.addAll(notDue);
  }

  /** The tree holds {@code hash} for a key it holds already. */
  private void show(KeyEntry<?> entry, long hash) {
    if (hash != entry.stateHash) {
      tree.update(entry.keyHash, HashTree.mix(entry.keyHash, entry.stateHash), HashTree.mix(entry.keyHash, hash), 0);
      entry.stateHash = hash;
    }
  }

  /** A key whose tombstone was collected leaves the tree (Tombstones). */
  void forget(KeyEntry<?> entry) {
    if (entry.inTree && index.remove(new Position(entry.keyHash, entry.name)) != null) {
      tree.update(entry.keyHash, HashTree.mix(entry.keyHash, entry.stateHash), 0, -1);
      entry.inTree = false;
    }
  }

  long rootHash() {
    refresh();
    return tree.rootHash();
  }

  /** Starts a round with {@code peer}: sends the root. */
  void startRound(Address peer) {
    refresh();
    counters.antiEntropyRounds.increment();
    outbound.send(peer, new TreeDigest(0, List.of(new NodeHash(0, tree.rootHash(), tree.size()))));
  }

  void onTreeDigest(Address peer, TreeDigest digest) {
    refresh();
    int level = digest.level();
    List<NodeHash> children = new ArrayList<>();
    List<TreeNode> listed = new ArrayList<>();
    boolean anyDifferent = false;
    for (NodeHash theirs : digest.nodes()) {
      if (hash(level, theirs.index()) == theirs.hash()) {
        continue;
      }
      anyDifferent = true;
      int mine = keys(level, theirs.index());
      if (level >= tree.depth() || Math.max(mine, theirs.keys()) < LIST_KEYS_BELOW) {
        listed.add(new TreeNode(level, theirs.index()));
      } else {
        int first = theirs.index() << HashTree.FAN_OUT_BITS;
        for (int child = first; child < first + (1 << HashTree.FAN_OUT_BITS); child++) {
          children.add(new NodeHash(child, hash(level + 1, child), keys(level + 1, child)));
        }
      }
    }
    if (!anyDifferent) {
      if (level == 0) {
        membership.comparedInSync(peer);
        index.values().forEach(KeyEntry::caughtUp);
        outbound.send(peer, new InSync(tree.rootHash()));
      }
      return;
    }
    membership.comparedDifferent(peer, List.of());
    if (!children.isEmpty()) {
      outbound.send(peer, new TreeDigest(level + 1, children));
    }
    if (!listed.isEmpty()) {
      List<KeyHash> keys = new ArrayList<>();
      for (TreeNode range : listed) {
        for (KeyEntry<?> entry : keysUnder(range.level(), range.index())) {
          keys.add(new KeyHash(entry.name, entry.stateHash));
        }
      }
      outbound.send(peer, new KeyDigest(listed, keys));
    }
  }

  /** The peer listed its keys under some ranges: send mine that differ, and ask for theirs. */
  void onKeyDigest(Address peer, KeyDigest digest) {
    refresh();
    Map<String, Long> theirs = new HashMap<>();
    for (KeyHash key : digest.keys()) {
      theirs.put(key.key(), key.hash());
    }
    List<KeyEntry<?>> send = new ArrayList<>();
    List<String> wants = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    for (TreeNode range : digest.ranges()) {
      for (KeyEntry<?> entry : keysUnder(range.level(), range.index())) {
        Long theirHash = theirs.remove(entry.name);
        if (theirHash != null && theirHash == entry.stateHash) {
          entry.caughtUp();                          // equal to a peer's: nothing to catch up with
          continue;
        }
        differing.add(entry.name);
        send.add(entry);
        if (theirHash != null) {
          wants.add(entry.name);
        } else {
          entry.lackedBy(peer, membership.peers());  // when no peer has the key, there is nothing to catch up with
        }
      }
    }
    // What is left the peer has and this node does not: ask for it, so that a key created at runtime reaches a
    // member that never saw it (one that joined late, or was on the other side of a partition). Its type travels
    // with its state; the receipt creates the key, or refuses it if its type is unknown here.
    wants.addAll(theirs.keySet());
    membership.comparedDifferent(peer, differing);
    if (!send.isEmpty() || !wants.isEmpty()) {
      outbound.sendStates(peer, send, wants);
    }
  }

  void onInSync(Address peer, InSync inSync) {
    if (rootHash() == inSync.rootHash()) {
      membership.comparedInSync(peer);
      index.values().forEach(KeyEntry::caughtUp);
    }
  }

  /** The peer asked for these keys' states. */
  void answerWants(Address peer, States states, Map<String, KeyEntry<?>> keys) {
    List<KeyEntry<?>> send = new ArrayList<>();
    for (String wanted : states.wants()) {
      KeyEntry<?> entry = keys.get(wanted);
      if (entry != null) {
        send.add(entry);
      }
    }
    if (!send.isEmpty()) {
      outbound.sendStates(peer, send, List.of());
    }
  }

  private long hash(int level, int index) {
    if (level <= tree.depth()) {
      return tree.hash(level, index);
    }
    long sum = 0;
    for (KeyEntry<?> entry : keysUnder(level, index)) {
      sum += HashTree.mix(entry.keyHash, entry.stateHash);
    }
    return sum;
  }

  private int keys(int level, int index) {
    return level <= tree.depth() ? tree.keys(level, index) : keysUnder(level, index).size();
  }

  private Collection<KeyEntry<?>> keysUnder(int level, int index) {
    if (level == 0) {
      return this.index.values();
    }
    Position from = new Position(HashTree.firstHash(level, index), "");
    boolean last = index == (1 << (HashTree.FAN_OUT_BITS * level)) - 1;
    return last
        ? this.index.tailMap(from, true).values()
        : this.index.subMap(from, true, new Position(HashTree.firstHash(level, index + 1), ""), false).values();
  }
}
