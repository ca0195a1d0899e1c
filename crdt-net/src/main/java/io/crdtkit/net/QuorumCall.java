package io.crdtkit.net;

import io.crdtkit.Crdt;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import org.jgroups.Address;
import org.jspecify.annotations.Nullable;

/**
 * One read or write at a consistency level, while it waits: whom it asked, who answered, who refused and why, and
 * the words of its failure. Owned by the protocol thread, but for its future (completed once, from any thread).
 *
 * @param <S> the key's CRDT type
 */
final class QuorumCall<S extends Crdt<S>> {

  final long id;
  final boolean write;
  final KeyEntry<S> entry;
  final ConsistencyLevel level;
  /** The delta of a write (null for a read); encoded on the protocol thread when the call starts. */
  final @Nullable S delta;
  /** The generation of the key the delta was made in (NET.md, "Deleting a key"). */
  final long generation;
  final CompletableFuture<S> done = new CompletableFuture<>();
  final Set<Address> asked = new LinkedHashSet<>();
  final Set<Address> answered = new LinkedHashSet<>();
  final Map<Address, String> refused = new LinkedHashMap<>();
  /** The members needed, this node included: fixed when the call starts, from the replica set then. */
  int needed;
  @Nullable WireMessage request;
  @Nullable ScheduledFuture<?> timeout;
  @Nullable ScheduledFuture<?> askMore;

  QuorumCall(long id, KeyEntry<S> entry, ConsistencyLevel level, @Nullable S delta, long generation) {
    this.id = id;
    this.generation = generation;
    this.write = delta != null;
    this.entry = entry;
    this.level = level;
    this.delta = delta;
  }

  /** This node and the members that answered. */
  int count() {
    return 1 + answered.size();
  }

  boolean isDone() {
    return count() >= needed;
  }

  /** Whether {@code member} was asked and has not answered yet. */
  boolean awaits(Address member) {
    return asked.contains(member) && !answered.contains(member) && !refused.containsKey(member);
  }

  /** Whether the view's members that have not refused are enough, this node and those that answered included. */
  boolean reachableAmong(Collection<Address> peers) {
    long open = peers.stream().filter(peer -> !answered.contains(peer) && !refused.containsKey(peer)).count();
    return count() + open >= needed;
  }

  void cancelTimers() {
    if (timeout != null) {
      timeout.cancel(false);
    }
    if (askMore != null) {
      askMore.cancel(false);
    }
  }

  /**
   * Why the call failed, in words that name the key, the level, how many members answered of how many needed, and
   * what became of the others.
   *
   * @param what    what happened: "timed out", "cannot succeed"
   * @param names   a member's name (its replica id, when known)
   * @param absent  replicas of the replica set not in this node's view
   */
  ConsistencyException failure(String what, Function<Address, String> names, Collection<ReplicaId> absent) {
    StringBuilder text = new StringBuilder(write ? "write" : "read").append(" of key '").append(entry.name)
        .append("' at ").append(level).append(' ').append(what).append(": ").append(count()).append(" of the ")
        .append(needed).append(" members needed ").append(write ? "hold the update" : "answered")
        .append(" (this node");
    answered.forEach(member -> text.append(", ").append(names.apply(member)));
    text.append(')');
    List<String> silent = new ArrayList<>();
    asked.stream().filter(this::awaits).forEach(member -> silent.add(names.apply(member)));
    if (!silent.isEmpty()) {
      text.append("; no answer from ").append(String.join(", ", silent));
    }
    refused.forEach((member, why) -> text.append("; ").append(names.apply(member)).append(" refused: ").append(why));
    if (!absent.isEmpty()) {
      text.append("; not in this node's view: ").append(absent)
          .append(" (partitioned away or crashed, and not retired: they still count)");
    }
    text.append(write ? ". The update stays applied here and reaches the others as every update does"
        : ". What did arrive stays merged here");
    return new ConsistencyException(entry.name, count(), needed, text.toString());
  }
}
