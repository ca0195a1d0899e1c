package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.Crdt;
import io.crdtkit.GCounter;
import io.crdtkit.GSet;
import io.crdtkit.LWWMap;
import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.jackson.CodecLimits;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtDecodeException;
import io.crdtkit.jackson.CrdtMappers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * {@link WriteLimits} skips decoding a delta whose document is too short to break a count limit, when the key's type
 * holds only crdtkit types and plain scalars. That shortcut is sound only if no such document is ever refused by a
 * peer's decoder: this test tries many deltas under many small limits, and shows that a looser bound is caught.
 */
class WriteLimitsShortDeltaTest {

  private static final int CASES = 4_000;
  private static final ReplicaId SELF = ReplicaId.of("writer");

  /** One kind of delta: its type, and a delta of it made from random input. */
  private record Kind<S extends Crdt<S>>(TypeReference<S> type, Function<Random, S> delta) {}

  private static final List<Kind<?>> KINDS = List.of(
      new Kind<>(new TypeReference<ORSet<String>>() {}, random -> ORSet.<String>empty().deltaAdd(SELF, text(random))),
      new Kind<>(new TypeReference<GSet<Integer>>() {}, random -> GSet.<Integer>empty().deltaAdd(random.nextInt())),
      new Kind<>(new TypeReference<GCounter>() {}, random -> GCounter.empty().deltaIncrement(SELF,
          1 + random.nextInt(1_000_000))),
      new Kind<>(new TypeReference<LWWMap<String, String>>() {}, random -> LWWMap.<String, String>empty()
          .deltaPut(HybridLogicalClock.create(SELF), text(random), text(random))),
      new Kind<>(new TypeReference<ORMap<String, PNCounter>>() {}, random -> ORMap.<String, PNCounter>empty(
          PNCounter.empty()).deltaUpdate(SELF, text(random), counter -> random.nextBoolean()
          ? counter.deltaIncrement(SELF, 1 + random.nextInt(1_000))
          : counter.deltaDecrement(SELF, 1 + random.nextInt(1_000)))),
      new Kind<>(new TypeReference<ORMap<String, ORSet<String>>>() {}, random -> ORMap.<String, ORSet<String>>empty(
          ORSet.empty()).deltaUpdate(SELF, text(random), set -> set.deltaAdd(SELF, text(random)))));

  @Test
  void aShortDeltaOfCrdtkitTypesAndPlainScalarsIsNeverRefused() {
    long seed = new Random().nextLong();
    Trial trial = firstRefusedShortDelta(seed, WriteLimits::shortDeltaProven);
    assertThat(trial.refusal()).as("seed %d", seed).isNull();
    // Not vacuous: a good share of the deltas were short enough to skip the decode, and were decoded here.
    assertThat(trial.shortOnes()).as("seed %d", seed).isGreaterThan(CASES / 20);
  }

  @Test
  void aBoundThatForgetsTheNestingLimitIsCaught() {
    ToLongFunction<CodecLimits> planted = limits -> Math.min(Math.min(limits.maxElements(), limits.maxReplicas()),
        limits.maxStringLength());
    assertThat(firstRefusedShortDelta(1L, planted).refusal()).contains("nesting");
  }

  @Test
  void aBoundThatForgetsTheStringLimitIsCaught() {
    ToLongFunction<CodecLimits> planted = limits -> Math.min(Math.min(limits.maxElements(), limits.maxReplicas()),
        2L * limits.maxNestingDepth());
    assertThat(firstRefusedShortDelta(1L, planted).refusal()).containsIgnoringCase("string");
  }

  @Test
  void onlyCrdtkitTypesOfPlainScalarsSkipTheDecode() {
    assertThat(plain(new TypeReference<ORSet<String>>() {})).isTrue();
    assertThat(plain(new TypeReference<ORMap<String, ORSet<Long>>>() {})).isTrue();
    assertThat(plain(new TypeReference<GCounter>() {})).isTrue();
    // A user's element type may refuse a document for its own reasons (a validating constructor).
    assertThat(plain(new TypeReference<ORSet<java.time.Duration>>() {})).isFalse();
    assertThat(plain(new TypeReference<ORSet<Object>>() {})).isFalse();
    assertThat(plain(new TypeReference<ORMap<String, ORSet<List<String>>>>() {})).isFalse();
  }

  private static boolean plain(TypeReference<?> type) {
    return WriteLimits.onlyPlainScalars(CrdtMappers.smile().constructType(type));
  }

  /**
   * What a run of cases found: the first delta within the bound that a decoder still refused (with the seed and
   * case), or null; and how many deltas were within the bound.
   */
  private record Trial(String refusal, int shortOnes) {}

  /** Tries {@link #CASES} deltas under random small limits, until one within {@code bound} is refused. */
  private static Trial firstRefusedShortDelta(long seed, ToLongFunction<CodecLimits> bound) {
    Random random = new Random(seed);
    List<String> refusals = new ArrayList<>();
    int[] shortOnes = {0};
    for (int i = 0; i < CASES && refusals.isEmpty(); i++) {
      CodecLimits limits = CodecLimits.defaults()
          .withMaxElements(1 + random.nextInt(200))
          .withMaxReplicas(1 + random.nextInt(200))
          .withMaxStringLength(1 + random.nextInt(200))
          .withMaxNestingDepth(1 + random.nextInt(60));
      Kind<?> kind = KINDS.get(random.nextInt(KINDS.size()));
      String refused = refusedShortDelta(kind, limits, bound.applyAsLong(limits), random, shortOnes);
      if (refused != null) {
        refusals.add("seed " + seed + ", case " + i + ": " + refused);
      }
    }
    return new Trial(refusals.isEmpty() ? null : refusals.get(0), shortOnes[0]);
  }

  private static <S extends Crdt<S>> String refusedShortDelta(Kind<S> kind, CodecLimits limits, long bound,
      Random random, int[] shortOnes) {
    CrdtCodec<S> codec = CrdtCodec.of(CrdtMappers.smile(limits), kind.type());
    assertThat(WriteLimits.onlyPlainScalars(codec.type())).as(kind.type().getType().getTypeName()).isTrue();
    S delta = kind.delta().apply(random);
    byte[] document;
    try {
      document = codec.encode(delta);
    } catch (JacksonException unwritable) {
      return null;     // refused at the writer before anything changes, like any update its codec cannot write
    }
    if (document.length > bound) {
      return null;
    }
    shortOnes[0]++;
    try {
      codec.decode(document);
      return null;
    } catch (CrdtDecodeException e) {
      return kind.type().getType().getTypeName() + " " + delta + " (" + document.length + " bytes, " + limits
          + "): " + e.getMessage();
    }
  }

  /** Text of up to 40 chars, half the time at most 8, from the whole char range: lone surrogates and all. */
  private static String text(Random random) {
    char[] chars = new char[random.nextBoolean() ? random.nextInt(9) : random.nextInt(41)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = random.nextInt(4) == 0 ? (char) random.nextInt(Character.MAX_VALUE + 1)
          : (char) ('a' + random.nextInt(26));
    }
    return new String(chars);
  }
}
