package io.crdtkit.laws;

import io.crdtkit.CausalCrdt;
import io.crdtkit.Collectable;
import io.crdtkit.Retirable;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.Epoched;
import io.crdtkit.gc.GarbageCollector;
import io.crdtkit.gc.RetirementLog;
import io.crdtkit.gc.StabilityReport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One run of a {@link GcSchedule}, with or without garbage collection: replicas with their states, pending delta
 * groups and (with GC) collectors; FIFO channels between them; a retirement log. It records every replica's value
 * after every step, so that a run with GC can be compared with the run without, step by step.
 *
 * <p>What each replica does is what crdt-net does: a local update merges its delta and joins it to the pending
 * group; a flush multicasts the group; a received delta from an earlier retirement epoch is refused and a whole
 * state from one is upgraded (folded) first; reports ride on every message; a collection follows every change and
 * every report. A new incarnation writes only once a whole state from a caught-up replica has reached it.
 */
final class GcScheduleRun<S extends CausalCrdt<S> & Collectable<S>> {

  /** What travels on a channel. {@code payload} is null for a bare report. */
  private record Message<S>(ReplicaId from, long epoch, @Nullable S payload, boolean whole, boolean fromCaughtUp,
      @Nullable StabilityReport report, long sentAt) {

    String describe() {
      return payload == null ? "report" : whole ? "whole state" : "delta group";
    }
  }

  /** One replica slot: its current incarnation and what it holds. */
  private final class Node {
    final int slot;
    ReplicaId id;
    int incarnation = 1;
    S state;
    @Nullable S pending;
    boolean caughtUp = true;
    // When this incarnation began (in messages sent so far): only a whole state sent since can catch it up.
    long bornAt;
    @Nullable GarbageCollector<S> collector;

    Node(int slot) {
      this.slot = slot;
      this.id = Replicas.id(slot);
      this.state = description.bottom();
    }
  }

  private static final boolean VERBOSE = Boolean.getBoolean("crdtkit.gc.verbose");


  private String states() {
    StringBuilder text = new StringBuilder();
    for (Node node : nodes) {
      text.append("\n        ").append(node.id).append(": ").append(node.state);
      if (node.collector != null) {
        text.append("  ").append(node.collector.tracker());
      }
    }
    return text.toString();
  }

  private final CrdtDescription<S> description;
  private final GcSchedule<S> schedule;
  private final boolean withGc;
  private final boolean retirements;
  private final List<Node> nodes = new ArrayList<>();
  // channels.get(from).get(to): queued messages; delivered: what each channel has delivered, for replays
  private final List<List<Deque<Message<S>>>> channels = new ArrayList<>();
  private final List<List<List<Message<S>>>> delivered = new ArrayList<>();
  private RetirementLog log = RetirementLog.empty();
  private long sent;
  private final List<String> trace = new ArrayList<>();
  private final List<String> stepLines = new ArrayList<>();
  private final List<Object[]> values = new ArrayList<>();
  private final List<boolean[]> synced = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private long collections;

  GcScheduleRun(CrdtDescription<S> description, GcSchedule<S> schedule, boolean withGc) {
    this.description = description;
    this.schedule = schedule;
    this.withGc = withGc;
    this.retirements = description.bottom() instanceof Retirable<?>;
    for (int slot = 0; slot < schedule.replicas(); slot++) {
      nodes.add(new Node(slot));
      List<Deque<Message<S>>> out = new ArrayList<>();
      List<List<Message<S>>> history = new ArrayList<>();
      for (int to = 0; to < schedule.replicas(); to++) {
        out.add(new ArrayDeque<>());
        history.add(new ArrayList<>());
      }
      channels.add(out);
      delivered.add(history);
    }
    nodes.forEach(node -> node.collector = newCollector(node));
  }

  /** Runs every step, then settles: everything in flight arrives, and whole states go round until quiescence. */
  GcScheduleRun<S> run() {
    try {
      for (GcSchedule.Step<S> step : schedule.steps()) {
        int mark = trace.size();
        apply(step);
        stepLines.add(String.join("; ", trace.subList(mark, trace.size())) + (VERBOSE ? "   " + states() : ""));
        recordValues();
      }
      settle();
      if (VERBOSE) {
        stepLines.add("settled:" + states());
      }
    } catch (RuntimeException failure) {
      problems.add("the run threw " + failure + (trace.isEmpty() ? "" : " after: " + trace.get(trace.size() - 1)));
    }
    return this;
  }

  List<Object[]> values() {
    return values;
  }

  /** For each step, which replicas were synced (see {@link #recordValues}). */
  List<boolean[]> synced() {
    return synced;
  }

  /** What each step did, one line per step. */
  List<String> stepLines() {
    return stepLines;
  }

  List<String> problems() {
    return problems;
  }

  long collections() {
    return collections;
  }

  private List<Object> statesAndReports() {
    List<Object> now = new ArrayList<>(finalStates());
    nodes.stream().filter(node -> node.collector != null).forEach(node -> now.add(node.collector.report()));
    return now;
  }

  /** The replicas' final states, in slot order. */
  List<S> finalStates() {
    return nodes.stream().map(node -> node.state).toList();
  }

  private void apply(GcSchedule.Step<S> step) {
    if (step instanceof GcSchedule.Step.Update<S> update) {
      update(nodes.get(update.replica()), update.operation());
    } else if (step instanceof GcSchedule.Step.Flush<S> flush) {
      flush(nodes.get(flush.replica()));
    } else if (step instanceof GcSchedule.Step.Deliver<S> deliver) {
      deliver(deliver.pick());
    } else if (step instanceof GcSchedule.Step.SendState<S> send) {
      Node from = nodes.get(send.from());
      enqueue(from, send.to(), message(from, from.state, true));
      trace.add(from.id + " -> " + nodes.get(send.to()).id + ": whole state sent");
    } else if (step instanceof GcSchedule.Step.SendReport<S> send) {
      Node from = nodes.get(send.from());
      enqueue(from, send.to(), message(from, null, false));
      trace.add(from.id + " -> " + nodes.get(send.to()).id + ": report sent");
    } else if (step instanceof GcSchedule.Step.Lose<S> lose) {
      Deque<Message<S>> channel = channels.get(lose.from()).get(lose.to());
      trace.add(nodes.get(lose.from()).id + " -> " + nodes.get(lose.to()).id + ": " + channel.size()
          + " queued messages lost");
      channel.clear();
    } else if (step instanceof GcSchedule.Step.Replay<S> replay) {
      replay(replay.pick(), replay.back());
    } else if (step instanceof GcSchedule.Step.Retire<S> retire) {
      retire(nodes.get(retire.replica()));
    }
  }

  private void update(Node node, Operation<S> operation) {
    if (!node.caughtUp) {
      trace.add(node.id + " has not caught up: refuses " + operation);
      return;
    }
    S delta = operation.delta(node.state, node.id);
    S merged = node.state.merge(delta);
    trace.add(node.id + ": " + operation);
    if (merged != node.state) {
      node.state = collect(node, merged);
      node.pending = node.pending == null ? delta : node.pending.merge(delta);
    }
  }

  private void flush(Node node) {
    // A message goes out even with nothing pending, so that both runs keep the same channels.
    for (Node to : nodes) {
      if (to != node) {
        enqueue(node, to.slot, message(node, node.pending, false));
      }
    }
    trace.add(node.id + ": sends its pending deltas to all" + (node.pending == null ? " (none)" : ""));
    node.pending = null;
  }

  /** A message from {@code from}, carrying its report; its payload through the description's round trip, if any. */
  private Message<S> message(Node from, @Nullable S payload, boolean whole) {
    StabilityReport report = from.collector == null ? null : from.collector.report();
    UnaryOperator<S> wire = description.roundTrip();
    S sent = payload == null || wire == null ? payload : wire.apply(payload);
    return new Message<>(from.id, log.epoch(), sent, whole, from.caughtUp, report, this.sent++);
  }

  private void enqueue(Node from, int to, Message<S> message) {
    channels.get(from.slot).get(to).addLast(message);
  }

  /** The first message of the {@code pick}-th non-empty channel (modulo their number), if any. */
  private void deliver(int pick) {
    int[] channel = nonEmptyChannel(pick, false);
    if (channel == null) {
      trace.add("nothing to deliver");
      return;
    }
    Message<S> message = channels.get(channel[0]).get(channel[1]).removeFirst();
    delivered.get(channel[0]).get(channel[1]).add(message);
    trace.add(receive(nodes.get(channel[1]), message, ""));
  }

  private void replay(int pick, int back) {
    int[] channel = nonEmptyChannel(pick, true);
    if (channel == null) {
      trace.add("nothing to replay");
      return;
    }
    List<Message<S>> history = delivered.get(channel[0]).get(channel[1]);
    trace.add(receive(nodes.get(channel[1]), history.get(Math.max(0, history.size() - 1 - back)), "again, late: "));
  }

  private int @Nullable [] nonEmptyChannel(int pick, boolean ofHistory) {
    List<int[]> candidates = new ArrayList<>();
    for (int from = 0; from < nodes.size(); from++) {
      for (int to = 0; to < nodes.size(); to++) {
        boolean has = ofHistory ? !delivered.get(from).get(to).isEmpty() : !channels.get(from).get(to).isEmpty();
        if (has) {
          candidates.add(new int[] {from, to});
        }
      }
    }
    return candidates.isEmpty() ? null : candidates.get(pick % candidates.size());
  }

  /** Takes in {@code message} at {@code to}; what happened, for the trace. */
  private String receive(Node to, Message<S> message, String note) {
    String line = message.from() + " -> " + to.id + ": " + note + message.describe();
    boolean sameEpoch = message.epoch() == log.epoch();
    if (to.collector != null && message.report() != null && sameEpoch) {
      to.collector.receive(message.report());
    }
    S payload = message.payload();
    if (payload == null) {
      to.state = collect(to, to.state);                       // a report alone: the collector collects at once
    } else if (message.whole()) {
      S upgraded = retirements ? upgrade(payload, message.epoch()) : payload;
      to.state = collect(to, to.state.merge(upgraded));
      // SUBTLE: only a state sent since this incarnation began catches it up. By then every replica counts it as a
      // member, so nothing it has not seen can be collected without its reports (GC.md, rule 8).
      if (message.sentAt() >= to.bornAt) {
        catchUp(to, message.fromCaughtUp());
      }
    } else if (!sameEpoch) {
      line += " from epoch " + message.epoch() + ": refused";
    } else {
      to.state = collect(to, to.state.merge(payload));
    }
    return line;
  }

  /**
   * Why the cluster cannot retire {@code leaver} now (null if it can). Every other replica must fold it the same
   * way, so each must have caught up and hold the heir's whole block; and the previous retirements must be stable
   * everywhere (each one's cut covers the heir's block), or a cut folded now could not say which of the heir's dots
   * it covers (GC.md, rule 9). crdt-net's coordinator checks the same before it appends to the log.
   */
  private @Nullable String retirementWaits(Node leaver) {
    long heirBlock = -1;
    for (Node node : nodes) {
      if (node == leaver) {
        continue;
      }
      if (!node.caughtUp) {
        return node.id + " has not caught up";
      }
      long held = node.state.context().vectorClock().get(RetirementLog.HEIR);
      if (heirBlock >= 0 && held != heirBlock) {
        return "replicas hold different parts of the heir's block";
      }
      heirBlock = held;
      if (node.collector != null && node.collector.tracker().stableCut().get(RetirementLog.HEIR) < held) {
        return "the previous retirement is not stable at " + node.id + " yet";
      }
    }
    return null;
  }

  /** {@code node} has merged a whole state sent since it began, by a replica that {@code fromCaughtUp}. */
  private void catchUp(Node node, boolean fromCaughtUp) {
    if (!node.caughtUp && fromCaughtUp) {
      node.caughtUp = true;
      node.collector = newCollector(node);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private S upgrade(S state, long epoch) {
    return (S) log.upgrade(new Epoched<>(epoch, (Retirable) state)).state();
  }

  /**
   * Graceful leave: the leaver flushes, hands its whole state to every other replica, and is retired everywhere
   * (states folded, pending deltas dropped, collectors told); a new incarnation takes the slot.
   */
  private void retire(Node leaver) {
    if (!retirements) {
      return;
    }
    String waits = retirementWaits(leaver);
    if (waits != null) {
      trace.add(leaver.id + " asks to leave; the retirement waits: " + waits);
      return;
    }
    flush(leaver);
    for (Node node : nodes) {
      if (node != leaver) {
        node.state = collect(node, node.state.merge(leaver.state));
        catchUp(node, leaver.caughtUp);
      }
    }
    ReplicaId retired = leaver.id;
    log = log.retire(retired);
    for (Node node : nodes) {
      if (node != leaver) {
        node.state = upgrade(node.state, log.epoch() - 1);
        node.pending = null;
        if (node.collector != null) {
          node.collector.retire(retired);
          node.state = collect(node, node.state);
        }
      }
    }
    // A new incarnation takes the slot; every replica knows it from now on, so their cuts wait for its reports.
    // It neither writes nor collects until a whole state sent since has caught it up (GC.md, rule 8).
    leaver.incarnation++;
    leaver.id = ReplicaId.of(Replicas.id(leaver.slot).name() + "." + leaver.incarnation);
    leaver.state = description.bottom();
    leaver.pending = null;
    leaver.caughtUp = false;
    leaver.bornAt = sent;
    leaver.collector = null;
    for (int from = 0; from < nodes.size(); from++) {
      channels.get(from).get(leaver.slot).clear();                 // messages to the old incarnation are lost
    }
    nodes.stream().filter(node -> node != leaver && node.collector != null)
        .forEach(node -> node.collector.learn(leaver.id));
    trace.add(retired + " leaves and is retired (epoch " + log.epoch() + "); " + leaver.id + " takes its place");
  }

  private GarbageCollector<S> newCollector(Node node) {
    GarbageCollector<S> collector = GarbageCollector.create(node.id, nodes.stream().map(n -> n.id).toList());
    log.retired().forEach(collector::retire);
    return collector;
  }

  /**
   * With GC, the collected state (and a problem if collecting changed the value); without, the state itself. Both
   * runs track stability alike (without GC the collected state is thrown away), so that they make the same choices.
   */
  private S collect(Node node, S state) {
    if (node.collector == null) {
      return state;
    }
    S collected = node.collector.afterChange(state);
    if (!withGc) {
      return state;
    }
    if (collected != state) {
      collections++;
      Object before = description.valueOf(state);
      Object after = description.valueOf(collected);
      if (!Objects.equals(before, after)) {
        problems.add("collection at " + node.id + " changed the value from " + before + " to " + after);
      }
    }
    return collected;
  }

  /**
   * Each replica's value now, and whether it is <em>synced</em>: it has seen every update made so far, and holds
   * the effect of each (it has not seen any only as observed by another one's delta). A replica that is not synced
   * reads what the messages it got happened to carry, and a delta made with GC may carry more (a floor, GC.md rule
   * 6) than the same delta made without.
   */
  private void recordValues() {
    CausalContext everything = CausalContext.empty();
    for (Node node : nodes) {
      everything = everything.merge(node.state.context());
    }
    Object[] now = new Object[nodes.size()];
    boolean[] whole = new boolean[nodes.size()];
    for (Node node : nodes) {
      now[node.slot] = description.valueOf(node.state);
      whole[node.slot] = isSynced(node.state, everything);
    }
    values.add(now);
    synced.add(whole);
  }

  /** Whether {@code state} has seen {@code everything}, and holds the effect of every update it has seen. */
  private boolean isSynced(S state, CausalContext everything) {
    return everything.isLessOrEqual(state.context()) && state.progress().equals(state.context().vectorClock())
        && state.context().dotCloud().isEmpty();
  }

  /**
   * Every pending group goes out and every queued message arrives (in a fixed order), then every replica sends its
   * whole state and report to every other, round after round, until a round changes nothing.
   */
  private void settle() {
    nodes.forEach(this::flush);
    boolean any = true;
    while (any) {
      any = false;
      for (int from = 0; from < nodes.size(); from++) {
        for (int to = 0; to < nodes.size(); to++) {
          Deque<Message<S>> channel = channels.get(from).get(to);
          if (!channel.isEmpty()) {
            trace.add(receive(nodes.get(to), channel.removeFirst(), ""));
            if (VERBOSE) {
              stepLines.add("settle " + trace.get(trace.size() - 1) + states());
            }
            any = true;
          }
        }
      }
    }
    trace.add("settle: whole states and reports exchanged between every pair until nothing changes");
    for (int round = 0; round < 8; round++) {
      List<Object> before = statesAndReports();
      for (Node from : nodes) {
        for (Node to : nodes) {
          if (from != to) {
            String line = receive(to, message(from, from.state, true), "");
            if (VERBOSE) {
              stepLines.add("settle " + line + states());
            }
          }
        }
      }
      if (before.equals(statesAndReports())) {
        return;
      }
    }
  }
}
