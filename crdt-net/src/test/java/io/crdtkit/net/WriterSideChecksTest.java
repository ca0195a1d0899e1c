package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import io.crdtkit.GSet;
import io.crdtkit.LWWRegister;
import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.jackson.CodecLimits;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * Issue 17, failures 2 and 4: a local update that the other members would refuse, or that writes under another
 * replica's id, fails at the writer with an error naming the key and what was wrong, before it changes anything;
 * the key keeps replicating.
 */
class WriterSideChecksTest {

  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final int MAX_ELEMENTS = 200;
  private static final ReplicaId IMPOSTOR = ReplicaId.of("impostor");

  private InJvmCluster cluster;
  private CrdtNode a;
  private CrdtNode b;

  @BeforeEach
  void start() {
    cluster = InJvmCluster.of(2, builder -> builder.codecLimits(CodecLimits.defaults().withMaxElements(MAX_ELEMENTS)
        .withMaxStringLength(1_000)));
    a = cluster.get(0);
    b = cluster.get(1);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  // ---- failure 2: limits at the writer

  @Test
  void anUpdateBeyondMaxElementsFailsAtTheWriterAndChangesNothing() {
    TypeReference<GSet<Integer>> type = new TypeReference<>() {};
    Replicated<GSet<Integer>> onA = a.register("numbers", GSet.empty(), type);
    Replicated<GSet<Integer>> onB = b.register("numbers", GSet.empty(), type);
    // Many small updates: the state grows past the limit one element at a time.
    int added = 0;
    Throwable refusal = null;
    while (refusal == null && added < 2 * MAX_ELEMENTS) {
      int next = added;
      try {
        onA.update((set, self) -> set.deltaAdd(next));
        added++;
      } catch (IllegalArgumentException e) {
        refusal = e;
      }
    }

    assertThat(refusal).isNotNull().hasMessageContaining("'numbers'").hasMessageContaining("maxElements");
    assertThat(added).isBetween(MAX_ELEMENTS / 2, MAX_ELEMENTS);
    assertThat(onA.value().value()).hasSize(added);
    int expected = added;
    await().atMost(DEADLINE).until(() -> onB.value().value().size() == expected);
    assertThat(b.stats().decodeErrors()).isZero();
  }

  @Test
  void oneUpdateBeyondALimitFailsAtTheWriterAndTheKeyKeepsReplicating() {
    TypeReference<ORSet<String>> type = new TypeReference<>() {};
    Replicated<ORSet<String>> onA = a.register("tags", ORSet.empty(), type);
    Replicated<ORSet<String>> onB = b.register("tags", ORSet.empty(), type);
    await().atMost(DEADLINE).until(() -> onA.isCaughtUp() && onB.isCaughtUp());
    String tooLong = "x".repeat(2_000);

    assertThatThrownBy(() -> onA.update((set, self) -> set.deltaAdd(self, tooLong)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'tags'").hasMessageContaining("nothing was changed");
    assertThat(onA.value().value()).isEmpty();
    onA.update((set, self) -> set.deltaAdd(self, "fine"));
    await().atMost(DEADLINE).until(() -> onB.value().value().contains("fine"));
    assertThat(onB.value().value()).containsExactly("fine");
  }

  // ---- failure 4: own replica id only

  @Test
  void aCounterIncrementUnderAnotherIdFailsAndIsNeverSent() {
    Replicated<GCounter> onA = a.register("hits", GCounter.empty(), GCounter.class);
    Replicated<GCounter> onB = b.register("hits", GCounter.empty(), GCounter.class);

    assertThatThrownBy(() -> onA.update((counter, self) -> counter.deltaIncrement(IMPOSTOR, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'hits'").hasMessageContaining("impostor").hasMessageContaining(a.replica().name());
    assertThat(onA.value()).isEqualTo(GCounter.empty());
    assertStillReplicates(onA, onB);
  }

  @Test
  void aDotUnderAnotherMembersIdFails() {
    TypeReference<ORSet<String>> type = new TypeReference<>() {};
    Replicated<ORSet<String>> onA = a.register("set", ORSet.empty(), type);
    b.register("set", ORSet.empty(), type);
    await().atMost(DEADLINE).until(onA::isCaughtUp);
    ReplicaId other = b.replica();

    assertThatThrownBy(() -> onA.update((set, self) -> set.deltaAdd(other, "stolen")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'set'").hasMessageContaining("dot").hasMessageContaining(other.name());
    assertThat(onA.value().value()).isEmpty();
  }

  @Test
  void aNestedCounterUnderAnotherIdInAMapFails() {
    Replicated<ORMap<String, PNCounter>> cart = Carts.register(a, "cart");
    Carts.register(b, "cart");

    assertThatThrownBy(() -> cart.update((map, self) ->
        map.deltaUpdate(self, "milk", qty -> qty.deltaDecrement(IMPOSTOR, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'cart'").hasMessageContaining("decrements").hasMessageContaining("milk");
    assertThat(cart.value().value()).isEmpty();
    cart.update(Carts.add("milk", 1));
    assertThat(Carts.items(cart.value())).containsEntry("milk", 1L);
  }

  @Test
  void aWriteTimestampedByAnotherReplicaFails() {
    TypeReference<LWWRegister<String>> type = new TypeReference<>() {};
    Replicated<LWWRegister<String>> onA = a.register("title", LWWRegister.empty(), type);
    b.register("title", LWWRegister.empty(), type);
    HybridLogicalClock impostorClock = HybridLogicalClock.create(IMPOSTOR, Duration.ofMinutes(1));

    assertThatThrownBy(() -> onA.update((register, self) -> register.deltaSet(impostorClock, "forged")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("impostor");
    assertThat(onA.value().value().isEmpty()).isTrue();
    onA.update((register, self) -> register.deltaSet(a.clock(), "mine"));
    assertThat(onA.value().value().get()).isEqualTo("mine");
  }

  private static void assertStillReplicates(Replicated<GCounter> from, Replicated<GCounter> to) {
    AtomicLong expected = new AtomicLong(to.value().value() + 2);
    from.update((counter, self) -> counter.deltaIncrement(self, 2));
    await().atMost(DEADLINE).until(() -> to.value().value() == expected.get());
    assertThat(to.value().entries().keySet().toJavaSet()).doesNotContain(IMPOSTOR);
  }
}
