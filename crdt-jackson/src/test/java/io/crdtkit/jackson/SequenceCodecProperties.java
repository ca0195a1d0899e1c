package io.crdtkit.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.Sequence;
import io.crdtkit.Sequences;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Round trips of sequences reached by random histories on three replicas that include what {@link Subjects#text()}
 * leaves out: collection at a stable cut (every replica's progress, met), after which merges drop what was
 * collected. Each state of the history, each delta, must decode to an equal state and re-encode to the same bytes.
 */
class SequenceCodecProperties {

  static final List<ReplicaId> REPLICAS = History.REPLICAS;

  /** One step: {@code kind} 0-3 type, 4-5 delete, 6 merge, 7 collect; the rest chooses where. */
  record Step(int kind, int replica, int other, double at, int length) {}

  @Provide
  Arbitrary<List<Step>> histories() {
    return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 7),
            Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2),
            Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 70))
        .as(Step::new).list().ofMaxSize(40);
  }

  @Property(tries = 200)
  void everyStateAndDeltaOfAHistoryWithCollectionsRoundTrips(@ForAll("histories") List<Step> history) {
    List<Sequence<Character>> replicas = new ArrayList<>(List.of(Sequence.empty(), Sequence.empty(),
        Sequence.empty()));
    for (Step step : history) {
      Sequence<Character> state = replicas.get(step.replica());
      ReplicaId replica = REPLICAS.get(step.replica());
      Sequence<Character> next = switch (step.kind()) {
        case 0, 1, 2, 3 -> {
          int index = Subjects.index(step.at(), state.size() + 1);
          Sequence<Character> delta = Sequences.deltaInsertString(state, replica, index,
              "abcdefghij".repeat(7).substring(0, step.length()));
          SequenceCodecTest.roundTrip(SequenceCodecTest.TEXT, delta);
          yield state.merge(delta);
        }
        case 4, 5 -> {
          if (state.size() == 0) {
            yield state;
          }
          int index = Subjects.index(step.at(), state.size());
          Sequence<Character> delta = state.deltaDelete(replica, index, Math.min(state.size() - index,
              1 + step.length() % 5));
          SequenceCodecTest.roundTrip(SequenceCodecTest.TEXT, delta);
          yield state.merge(delta);
        }
        case 6 -> state.merge(replicas.get(step.other()));
        default -> state.collect(stableCut(replicas), VectorClock.empty());
      };
      replicas.set(step.replica(), next);
      SequenceCodecTest.roundTrip(SequenceCodecTest.TEXT, next);
    }
    Sequence<Character> all = replicas.get(0).merge(replicas.get(1)).merge(replicas.get(2));
    assertThat(Sequence.fromParts(SequenceCodecTest.roundTrip(SequenceCodecTest.TEXT, all).parts())).isEqualTo(all);
  }

  /**
   * Damaged sequence documents (bytes flipped, cut, repeated; JSON trees with values swapped and fields dropped), in
   * JSON and Smile, of states from random histories: each decodes to a valid state that round-trips, or fails with a
   * {@link CrdtDecodeException}; never another exception. {@link FuzzProperties} does the same for every type, with
   * fewer sequences.
   */
  @Property(tries = 150, shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void damagedDocumentsDecodeToValidStatesOrFailWithCrdtDecodeException(@ForAll("histories") List<Step> history,
      @ForAll long seed) {
    List<Sequence<Character>> replicas = new ArrayList<>(List.of(Sequence.empty(), Sequence.empty(),
        Sequence.empty()));
    for (Step step : history) {
      Sequence<Character> state = replicas.get(step.replica());
      ReplicaId replica = REPLICAS.get(step.replica());
      replicas.set(step.replica(), switch (step.kind()) {
        case 0, 1, 2, 3 -> Sequences.insertString(state, replica, Subjects.index(step.at(), state.size() + 1),
            "ab\uD83D\uDE00cd".substring(0, 1 + step.length() % 6));
        case 4, 5 -> state.size() == 0 ? state : state.delete(replica, Subjects.index(step.at(), state.size()), 1);
        case 6 -> state.merge(replicas.get(step.other()));
        default -> state.collect(stableCut(replicas), VectorClock.empty());
      });
    }
    java.util.Random random = new java.util.Random(seed);
    for (Sequence<Character> state : replicas) {
      for (CrdtCodec<Sequence<Character>> codec : List.of(CrdtCodec.of(Codecs.JSON, SequenceCodecTest.TEXT),
          CrdtCodec.of(Codecs.SMILE, SequenceCodecTest.TEXT))) {
        byte[] valid = codec.encode(state);
        for (int i = 0; i < 6; i++) {
          check(codec, Mutations.mutate(valid, random));
        }
      }
      CrdtCodec<Sequence<Character>> json = CrdtCodec.of(Codecs.JSON, SequenceCodecTest.TEXT);
      for (int i = 0; i < 3; i++) {
        check(json, Codecs.TREES.writeValueAsBytes(TreeMutations.mutate(Codecs.TREES.readTree(json.encode(state)),
            random)));
      }
    }
  }

  private static void check(CrdtCodec<Sequence<Character>> codec, byte[] variant) {
    Sequence<Character> decoded;
    try {
      decoded = codec.decode(variant);
    } catch (CrdtDecodeException expected) {
      assertThat(expected.rule()).isNotBlank();
      return;
    }
    decoded.checkInvariants();
    assertThat(Sequence.fromParts(decoded.parts())).isEqualTo(decoded);
    assertThat(codec.decode(codec.encode(decoded))).isEqualTo(decoded);
  }

  /** What every replica has seen: each replica's gap-free progress, met. */
  static VectorClock stableCut(List<Sequence<Character>> replicas) {
    VectorClock cut = replicas.get(0).progress();
    for (Sequence<Character> replica : replicas) {
      cut = cut.intersect(replica.progress());
    }
    return cut;
  }
}
