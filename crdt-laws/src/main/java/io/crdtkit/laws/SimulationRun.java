package io.crdtkit.laws;

import io.crdtkit.Crdt;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.RandomGenerator;

/** One run of a {@link Simulation}: the schedule, the network, and the final checks. */
final class SimulationRun<S extends Crdt<S>> {

  private static final int QUIESCENCE_ROUNDS = 5;

  private final Simulation<S> config;
  private final Random random;
  private final RandomGenerator<Operation<S>> operations;
  private final List<SimulatedReplica<S>> replicas = new ArrayList<>();
  private final List<SimulatedMessage<S>> inFlight = new ArrayList<>();
  private final List<HistoryEvent<S>> events = new ArrayList<>();
  private final List<String> trace = new ArrayList<>();
  private final List<HeldState<S>> held = new ArrayList<>();
  private boolean tracing = true;
  // Replica slot -> side of the current partition; all 0 when the network is whole.
  private int[] sides;

  SimulationRun(Simulation<S> config) {
    this.config = config;
    this.random = new Random(config.seed);
    this.operations = config.description.operations().generator(1000, true);
    for (int slot = 0; slot < config.replicas; slot++) {
      replicas.add(new SimulatedReplica<>(slot, config.description.bottom()));
    }
    this.sides = new int[config.replicas];
  }

  SimulationResult<S> run() {
    try {
      for (int step = 0; step < config.steps; step++) {
        scheduleOne();
      }
      healAndSettle();
      return result(check());
    } catch (RuntimeException crash) {
      return result(List.of("the run threw " + crash + " (the CRDT or the hook failed mid-run)"));
    }
  }

  private void scheduleOne() {
    double update = 5;
    double multicast = 3;
    double gossip = 1;
    double deliver = 7;
    double partition = isPartitioned() ? 0 : config.faults.partition();
    double heal = isPartitioned() ? 0.5 : 0;
    double crash = config.faults.crash();
    double roll = random.nextDouble() * (update + multicast + gossip + deliver + partition + heal + crash);
    if ((roll -= update) < 0) {
      update(randomReplica());
    } else if ((roll -= multicast) < 0) {
      multicastDeltas(randomReplica());
    } else if ((roll -= gossip) < 0) {
      SimulatedReplica<S> from = randomReplica();
      send(fullState(from, otherThan(from)));
    } else if ((roll -= deliver) < 0) {
      deliverOne(true);
    } else if ((roll -= partition) < 0) {
      partition();
    } else if ((roll -= heal) < 0) {
      heal();
    } else {
      crash(randomReplica());
    }
  }

  private void update(SimulatedReplica<S> replica) {
    Operation<S> operation = operations.next(random).value();
    if (config.catchUpBeforeWriting && !replica.caughtUp) {
      trace.add(replica + " has not caught up: refuses " + operation);
      return;
    }
    S before = replica.state;
    S delta = operation.delta(before, replica.id);
    S after = operation.apply(before, replica.id);
    int id = events.size();
    events.add(new HistoryEvent<>(id, replica.id, operation, after, replica.seen));
    replica.seen.set(id);
    replica.log.add(new SimulatedReplica.LoggedDelta<>(replica.nextSequence++, delta, id));
    changeState(replica, after);
    trace.add("#" + id + " " + replica + ": " + operation);
  }

  /** Sends each peer the join of the deltas it has not acknowledged, or the whole state if they are gone. */
  private void multicastDeltas(SimulatedReplica<S> from) {
    for (SimulatedReplica<S> peer : replicas) {
      if (peer == from) {
        continue;
      }
      long first = from.acknowledged.getOrDefault(peer.id, 0L) + 1;
      if (first >= from.nextSequence) {
        continue;
      }
      if (from.log.isEmpty() || from.log.get(0).sequence() > first) {
        send(fullState(from, peer));
        continue;
      }
      S group = null;
      BitSet carried = new BitSet();
      for (SimulatedReplica.LoggedDelta<S> entry : from.log) {
        if (entry.sequence() >= first) {
          group = group == null ? entry.delta() : group.merge(entry.delta());
          carried.set(entry.event());
        }
      }
      send(new SimulatedMessage.DeltaGroup<>(from.id, peer.id, Objects.requireNonNull(group), carried, first,
          from.nextSequence - 1, config.hook.piggyback(from.id, from.state)));
    }
  }

  private SimulatedMessage<S> fullState(SimulatedReplica<S> from, SimulatedReplica<S> to) {
    return new SimulatedMessage.FullState<>(from.id, to.id, from.state, (BitSet) from.seen.clone(), from.caughtUp,
        config.hook.piggyback(from.id, from.state));
  }

  private void send(SimulatedMessage<S> message) {
    inFlight.add(message);
  }

  /** Takes a random message off the network: lost, delivered, or (with faults) delivered and kept for later. */
  private void deliverOne(boolean withFaults) {
    if (inFlight.isEmpty()) {
      return;
    }
    SimulatedMessage<S> message = inFlight.remove(random.nextInt(inFlight.size()));
    Optional<SimulatedReplica<S>> receiver = live(message.to());
    Optional<SimulatedReplica<S>> sender = live(message.from());
    double fate = withFaults ? random.nextDouble() : 1;
    if (receiver.isEmpty() || (sender.isPresent() && sides[sender.get().slot] != sides[receiver.get().slot])
        || fate < config.faults.drop()) {
      trace.add("lost " + message);
      return;
    }
    if (fate < config.faults.drop() + config.faults.duplicate()) {
      inFlight.add(message);
    }
    receive(receiver.get(), message);
  }

  private void receive(SimulatedReplica<S> to, SimulatedMessage<S> message) {
    config.hook.received(to.id, message.from(), message.piggyback());
    if (message instanceof SimulatedMessage.DeltaGroup<S> group) {
      to.seen.or(group.events());
      changeState(to, to.state.merge(group.payload()));
      send(new SimulatedMessage.Ack<>(to.id, group.from(), group.upTo(), config.hook.piggyback(to.id, to.state)));
    } else if (message instanceof SimulatedMessage.FullState<S> state) {
      to.seen.or(state.events());
      changeState(to, to.state.merge(state.payload()));
      // Only a peer that has itself caught up can bring a reborn replica up to date.
      to.caughtUp |= state.fromCaughtUp();
    } else if (message instanceof SimulatedMessage.Ack<S> ack) {
      to.acknowledged.merge(ack.from(), ack.upTo(), Math::max);
      to.trimLog(replicas.stream().filter(peer -> peer != to).map(peer -> peer.id).toList());
    }
    if (tracing) {
      trace.add("delivered " + message);
    }
  }

  private void changeState(SimulatedReplica<S> replica, S next) {
    S before = replica.state;
    replica.state = config.hook.afterChange(replica.id, next);
    if (tracing && replica.state != before) {
      held.add(new HeldState<>(replica.id, replica.state, replica.seen));
    }
  }

  private void partition() {
    int[] split = new int[replicas.size()];
    do {
      for (int slot = 0; slot < split.length; slot++) {
        split[slot] = random.nextInt(2);
      }
    } while (java.util.Arrays.stream(split).distinct().count() < 2);
    sides = split;
    config.hook.partitioned(currentSides());
    trace.add("partition " + currentSides());
  }

  private void heal() {
    sides = new int[replicas.size()];
    config.hook.partitioned(currentSides());
    trace.add("heal");
  }

  private void crash(SimulatedReplica<S> replica) {
    ReplicaId crashed = replica.id;
    replica.crash(config.description.bottom());
    config.hook.crashed(crashed, replica.id);
    trace.add("crash " + crashed + ", back as " + replica.id);
  }

  /** Heals the network, delivers what is in flight, then gossips whole states until nothing changes. */
  private void healAndSettle() {
    if (isPartitioned()) {
      heal();
    }
    while (!inFlight.isEmpty()) {
      deliverOne(false);
    }
    tracing = false;
    trace.add("settle: whole states exchanged between every pair until nothing changes");
    for (int round = 0; round < QUIESCENCE_ROUNDS; round++) {
      List<S> before = replicas.stream().map(replica -> replica.state).toList();
      for (SimulatedReplica<S> from : replicas) {
        for (SimulatedReplica<S> to : replicas) {
          if (from != to) {
            receive(to, fullState(from, to));
          }
        }
      }
      if (before.equals(replicas.stream().map(replica -> replica.state).toList())) {
        return;
      }
    }
  }

  private List<String> check() {
    List<String> problems = new ArrayList<>();
    SimulatedReplica<S> first = replicas.get(0);
    for (SimulatedReplica<S> replica : replicas) {
      if (!replica.state.equals(first.state)) {
        problems.add("not converged: " + replica + " holds " + replica.state + " but " + first + " holds "
            + first.state);
      }
      Object value = config.description.valueOf(replica.state);
      if (config.oracle != null) {
        CausalHistory<S> history = new CausalHistory<>(events, replica.seen);
        Object expected = config.oracle.expectedValue(history);
        if (!Objects.equals(value, expected)) {
          problems.add("wrong value at " + replica + ": reads " + value + " but the history specifies " + expected
              + " (" + history.delivered().size() + " of " + events.size() + " updates delivered)");
        }
      }
    }
    return problems;
  }

  private SimulationResult<S> result(List<String> problems) {
    Map<ReplicaId, S> finalStates = new LinkedHashMap<>();
    replicas.forEach(replica -> finalStates.put(replica.id, replica.state));
    BitSet delivered = replicas.get(0).seen;
    return new SimulationResult<>(config.toString(), config.seed, finalStates, delivered, events, held, trace,
        problems);
  }

  private boolean isPartitioned() {
    return java.util.Arrays.stream(sides).distinct().count() > 1;
  }

  private Set<Set<ReplicaId>> currentSides() {
    Map<Integer, Set<ReplicaId>> bySide = new LinkedHashMap<>();
    for (SimulatedReplica<S> replica : replicas) {
      bySide.computeIfAbsent(sides[replica.slot], side -> new HashSet<>()).add(replica.id);
    }
    return bySide.values().stream().collect(Collectors.toSet());
  }

  private Optional<SimulatedReplica<S>> live(ReplicaId id) {
    return replicas.stream().filter(replica -> replica.id.equals(id)).findFirst();
  }

  private SimulatedReplica<S> randomReplica() {
    return replicas.get(random.nextInt(replicas.size()));
  }

  private SimulatedReplica<S> otherThan(SimulatedReplica<S> replica) {
    int other = random.nextInt(replicas.size() - 1);
    return replicas.get(other >= replica.slot ? other + 1 : other);
  }
}
