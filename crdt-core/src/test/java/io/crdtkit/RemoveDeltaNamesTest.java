package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.HashSet;
import org.junit.jupiter.api.Test;

/**
 * A remove's delta names the element it removed, so that a receiver merges it without walking its whole set. The
 * name is a hint checked by the exact test of {@link SeenDots}: a wrong one only costs the walk.
 */
class RemoveDeltaNamesTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");

  private static ORSet<String> bigSet() {
    ORSet<String> set = ORSet.empty();
    for (int i = 0; i < 500; i++) {
      set = set.add(i % 2 == 0 ? A : B, "item-" + i);
    }
    return set;
  }

  @Test
  void aRemovesDeltaNamesItsElementAndMergesAsTheRemoveDoes() {
    ORSet<String> set = bigSet();
    ORSet<String> delta = set.deltaRemove(B, "item-42");

    assertThat(delta.removedElements()).containsExactly("item-42");
    assertThat(set.merge(delta)).isEqualTo(set.remove(B, "item-42"));
    assertThat(set.merge(delta).contains("item-42")).isFalse();
    assertThat(set.merge(delta).size()).isEqualTo(499);
  }

  @Test
  void aWrongNameCostsTheWalkButNotTheResult() {
    ORSet<String> set = bigSet();
    ORSet<String> delta = set.deltaRemove(B, "item-42");
    ORSet.Parts<String> parts = delta.parts();
    ORSet<String> misnamed = ORSet.fromParts(new ORSet.Parts<>(parts.adds(), parts.collapsed(), parts.tokens(),
        parts.floors(), parts.context(), parts.gc(), HashSet.of("item-7")));
    ORSet<String> unnamed = ORSet.fromParts(new ORSet.Parts<>(parts.adds(), parts.collapsed(), parts.tokens(),
        parts.floors(), parts.context(), parts.gc(), HashSet.empty()));

    assertThat(set.merge(misnamed)).isEqualTo(set.remove(B, "item-42"));
    assertThat(set.merge(unnamed)).isEqualTo(set.remove(B, "item-42"));
    assertThat(set.merge(misnamed).contains("item-7")).isTrue();
  }

  @Test
  void namesAddUpAcrossDeltasAndGoInAWholeState() {
    ORSet<String> set = bigSet();
    ORSet<String> both = set.deltaRemove(A, "item-2").merge(set.deltaRemove(B, "item-3"));

    assertThat(both.gcMetadata().delta()).isTrue();
    assertThat(both.removedElements()).containsExactlyInAnyOrder("item-2", "item-3");
    ORSet<String> merged = set.merge(both);
    assertThat(merged.removedElements()).isEmpty();
    assertThat(merged.contains("item-2") || merged.contains("item-3")).isFalse();
    assertThat(set.deltaRemove(A, "item-2").merge(ORSet.empty()).removedElements()).isEmpty();
  }

  @Test
  void anAddConcurrentWithTheNamedRemoveSurvives() {
    ORSet<String> set = bigSet();
    ORSet<String> delta = set.deltaRemove(A, "item-8");
    ORSet<String> readded = set.add(B, "item-8");

    assertThat(readded.merge(delta).contains("item-8")).isTrue();
    assertThat(readded.merge(delta)).isEqualTo(readded.merge(set.remove(A, "item-8")));
  }
}
