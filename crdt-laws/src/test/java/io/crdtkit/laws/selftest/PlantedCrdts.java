package io.crdtkit.laws.selftest;

import io.crdtkit.Crdt;
import io.crdtkit.GCounter;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.LawName;
import io.vavr.Tuple2;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import org.jspecify.annotations.Nullable;

/**
 * The four planted bugs of issue 21, each hard to reach rather than merely wrong: the kit's detection rate over
 * many seeds on them is what {@link PlantedBugDetectionRates} measures. Unlike {@link BrokenCrdts}, whose
 * mistakes show on almost any input, each of these needs a particular state (a value above a threshold, two
 * replicas' entries, three concurrent values) before any law can see it. One of the four is correct, to measure
 * false alarms.
 */
final class PlantedCrdts {

  private PlantedCrdts() {}

  /** A planted type: its description, and the law its bug breaks (null for the correct type). */
  record Planted<S extends Crdt<S>>(CrdtDescription<S> description, @Nullable LawName namedLaw) {}

  /**
   * The four, in the order of issue 21: (a) idempotence, (b) delta, (c) associativity, (d) correct; and (a2), the
   * threshold bug of (a) where the threshold can only be reached step by step, as in the report.
   */
  static List<Planted<?>> all() {
    return List.of(
        new Planted<>(ThresholdMaxRegister.description(), LawName.MERGE_IS_IDEMPOTENT),
        new Planted<>(ThresholdCounter.description(), LawName.MERGE_IS_IDEMPOTENT),
        new Planted<>(firstEntryDeltaCounter(), LawName.DELTA_EQUALS_FULL_MUTATOR),
        new Planted<>(RockPaperScissorsRegister.description(), LawName.MERGE_IS_ASSOCIATIVE),
        new Planted<>(MaxRegister.description(), null));
  }

  /**
   * (a) A max register whose merge adds 1 when both sides are above 20: a threshold-dependent non-idempotent
   * merge. {@code x merge x == x} for every value up to 20, so only a state above 20 shows the bug; writes are
   * drawn from 0..100, so such states are reachable in one write.
   */
  record ThresholdMaxRegister(int value) implements Crdt<ThresholdMaxRegister> {
    static final int THRESHOLD = 20;

    @Override
    public ThresholdMaxRegister merge(ThresholdMaxRegister other) {
      int max = Math.max(value, other.value);
      return new ThresholdMaxRegister(value > THRESHOLD && other.value > THRESHOLD ? max + 1 : max);
    }

    static CrdtDescription<ThresholdMaxRegister> description() {
      return CrdtDescription.of("ThresholdMaxRegister", new ThresholdMaxRegister(0))
          .operation("write", Arbitraries.integers().between(0, 100),
              (s, r, n) -> new ThresholdMaxRegister(Math.max(s.value, n)), (s, r, n) -> new ThresholdMaxRegister(n));
    }
  }

  /**
   * (a2) The bug of (a) on a grow-only counter: merge joins, then counts one more at replica a when both sides'
   * totals are above 20. An increment adds 1, so a state above 20 needs 21 increments, all reaching one replica
   * by merges, within a history of at most 40 steps (a quarter of them merges): how deep histories go decides
   * whether the bug is reachable at all.
   */
  record ThresholdCounter(GCounter counter) implements Crdt<ThresholdCounter> {
    @Override
    public ThresholdCounter merge(ThresholdCounter other) {
      GCounter joined = counter.merge(other.counter);
      boolean bothAbove = counter.value() > ThresholdMaxRegister.THRESHOLD
          && other.counter.value() > ThresholdMaxRegister.THRESHOLD;
      return new ThresholdCounter(bothAbove ? joined.increment(ReplicaId.of("a")) : joined);
    }

    static CrdtDescription<ThresholdCounter> description() {
      return CrdtDescription.of("ThresholdCounter", new ThresholdCounter(GCounter.empty()))
          .operation("increment",
              (s, r) -> new ThresholdCounter(s.counter.increment(r)),
              (s, r) -> new ThresholdCounter(s.counter.deltaIncrement(r, 1)));
    }
  }

  /**
   * (b) A grow-only counter (the core {@link GCounter}, merge correct) whose increment delta keeps only the first
   * entry, in replica-id order, of the incremented state, as if {@code entries().head()} were "my entry". While
   * the updating replica is the only one, or the lowest-id one, with an entry, that first entry is its own
   * incremented count and the delta is right. Once a replica with a lower id has written and the updater has
   * merged its state (so at least two replicas' entries are in the state), the delta carries the other replica's
   * entry and drops the updater's own: merged in, it changes nothing and the increment is lost. The full mutator
   * is correct, so whole-state exchange repairs other replicas, and only the delta laws can see it.
   */
  static CrdtDescription<GCounter> firstEntryDeltaCounter() {
    return CrdtDescription.of("FirstEntryDeltaCounter", GCounter.empty())
        .operation("increment", (s, r) -> s.increment(r), (s, r) -> {
          Tuple2<ReplicaId, Long> first = s.increment(r).entries().head();
          return GCounter.of(Map.of(first._1, first._2));
        });
  }

  /**
   * (c) A Lamport-timestamped register whose tie-break between concurrent writes (same timestamp) is
   * rock-paper-scissors: rock beats scissors, scissors beats paper, paper beats rock. Commutative and idempotent,
   * but not associative, and only on three states that carry the same timestamp and the three different values:
   * {@code (rock merge paper) merge scissors} is scissors, {@code rock merge (paper merge scissors)} is rock. A
   * write takes the replica's timestamp plus one, so ties need concurrent writes on three replicas at the same
   * depth.
   */
  record RockPaperScissorsRegister(long timestamp, @Nullable String value)
      implements Crdt<RockPaperScissorsRegister> {

    @Override
    public RockPaperScissorsRegister merge(RockPaperScissorsRegister other) {
      if (timestamp != other.timestamp) {
        return timestamp > other.timestamp ? this : other;
      }
      if (value == null || value.equals(other.value)) {
        return other.value == null ? this : other;
      }
      return other.value == null || beats(value, other.value) ? this : other;
    }

    private static boolean beats(String mine, String theirs) {
      return switch (mine) {
        case "rock" -> theirs.equals("scissors");
        case "scissors" -> theirs.equals("paper");
        default -> theirs.equals("rock");
      };
    }

    static CrdtDescription<RockPaperScissorsRegister> description() {
      return CrdtDescription.of("RockPaperScissorsRegister", new RockPaperScissorsRegister(0, null))
          .operation("write", Arbitraries.of("rock", "paper", "scissors"),
              (s, r, v) -> new RockPaperScissorsRegister(s.timestamp + 1, v),
              (s, r, v) -> new RockPaperScissorsRegister(s.timestamp + 1, v));
    }
  }

  /** (d) A correct max register, writes in 0..100 (the same shape as (a) without its bug): it must never fail. */
  record MaxRegister(int value) implements Crdt<MaxRegister> {
    @Override
    public MaxRegister merge(MaxRegister other) {
      return other.value > value ? other : this;
    }

    static CrdtDescription<MaxRegister> description() {
      return CrdtDescription.of("MaxRegister", new MaxRegister(0))
          .operation("write", Arbitraries.integers().between(0, 100),
              (s, r, n) -> new MaxRegister(Math.max(s.value, n)), (s, r, n) -> new MaxRegister(n));
    }
  }
}
