package io.crdtkit.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * Damaged payloads, JSON and Smile, of every type: each must either decode to a state that passes its type's
 * invariants and round-trips, or fail with a {@link CrdtDecodeException}. Never another exception, never a hang,
 * never an out-of-memory. Each try damages one valid payload fourteen ways (two of them gzipped), so a run
 * checks well over 10,000 variants; the seed in a failure report replays it.
 */
class FuzzProperties {

  static final int TRIES = 1_000;
  static final int REQUIRED_VARIANTS = 10_000;
  private static final long SLOW_NANOS = 2_000_000_000L;
  private static final SmileMapper SMILE_TREES = SmileMapper.builder().build();

  private static final AtomicLong variants = new AtomicLong();
  private static final AtomicLong decoded = new AtomicLong();

  /** A valid state of some type, encoded in both formats. */
  record Payload(Subject<Object> subject, Object state, byte[] json, byte[] smile) {
    @Override
    public String toString() {
      return subject + " " + state;
    }
  }

  @Provide
  Arbitrary<Payload> payloads() {
    List<Subject<?>> subjects = new ArrayList<>(Subjects.all());
    subjects.addAll(ClockSubjects.all());
    // One arbitrary per subject, each bound to its own codec (a flatMap over subjects would let jqwik pair a
    // subject's codec with another subject's state while it explores edge cases).
    return Arbitraries.oneOf(subjects.stream().map(FuzzProperties::payloadsOf).toList());
  }

  @SuppressWarnings("unchecked")
  private static Arbitrary<Payload> payloadsOf(Subject<?> any) {
    Subject<Object> subject = (Subject<Object>) any;
    return Combinators.combine(subject.states(), Arbitraries.integers().between(0, 1 << 16)).as((states, pick) -> {
      Object state = states.get(pick % states.size());
      return new Payload(subject, state, Codecs.json(subject).encode(state), Codecs.smile(subject).encode(state));
    });
  }

  @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
  void damagedPayloadsDecodeToValidStatesOrFailWithCrdtDecodeException(
      @ForAll("payloads") Payload payload, @ForAll long seed) {
    Random random = new Random(seed);
    CrdtCodec<Object> json = Codecs.json(payload.subject());
    CrdtCodec<Object> smile = Codecs.smile(payload.subject());
    for (int i = 0; i < 4; i++) {
      check(payload, json, Mutations.mutate(payload.json(), random));
      check(payload, smile, Mutations.mutate(payload.smile(), random));
    }
    for (int i = 0; i < 2; i++) {
      JsonNode tree = TreeMutations.mutate(Codecs.TREES.readTree(payload.json()), random);
      check(payload, json, Codecs.TREES.writeValueAsBytes(tree));
      check(payload, smile, SMILE_TREES.writeValueAsBytes(tree));
    }
    byte[] gzipped = smile.withCompressionAbove(0).encode(payload.state());
    for (int i = 0; i < 2; i++) {
      check(payload, smile, Mutations.mutate(gzipped, random));
    }
  }

  @AfterContainer
  static void enoughVariantsWereChecked() {
    System.out.printf("fuzzing: %d damaged payloads checked, %d of them still decoded to a valid state%n",
        variants.get(), decoded.get());
    assertThat(variants.get()).isGreaterThanOrEqualTo(REQUIRED_VARIANTS);
  }

  private static void check(Payload payload, CrdtCodec<Object> codec, byte[] variant) {
    variants.incrementAndGet();
    long start = System.nanoTime();
    try {
      Object state = codec.decode(variant);
      assertThat(payload.subject().rebuild().apply(state)).as("passes its invariants").isEqualTo(state);
      assertThat(codec.decode(codec.encode(state))).as("round-trips").isEqualTo(state);
      decoded.incrementAndGet();
    } catch (CrdtDecodeException expected) {
      assertThat(expected.rule()).isNotBlank();
    } catch (Throwable unexpected) {
      fail("decoding a damaged " + payload.subject() + " threw " + unexpected + "\npayload: "
          + HexFormat.of().formatHex(variant), unexpected);
    }
    long elapsed = System.nanoTime() - start;
    if (elapsed > SLOW_NANOS) {
      fail("decoding a damaged " + payload.subject() + " took " + elapsed / 1_000_000 + " ms\npayload: "
          + HexFormat.of().formatHex(variant));
    }
  }
}
