package io.crdtkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's demo honest: on a real three-member cluster it must show the anomaly, converge after the heal
 * with the removed item gone, and reclaim the tombstone that was held during the split.
 */
class ShoppingCartDemoTest {

  @Test
  void naiveUnionResurrectsTheMilkButTheClusterHealsWithoutItAndGcReclaimsTheTombstone() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ShoppingCartDemo.Outcome outcome =
        ShoppingCartDemo.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(outcome.naiveUnion()).containsEntry("milk", 2L);
    assertThat(outcome.replicaCarts()).hasSize(3).allSatisfy(cart ->
        assertThat(cart).isEqualTo(Map.of("eggs", 12L, "bread", 1L)));
    assertThat(outcome.tombstonesDuringSplit()).isEqualTo(1);
    assertThat(outcome.tombstonesAfterHeal()).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("one view: [laptop, phone, tablet]")
        .contains("MergeView installed after")
        .contains("converged to the same state: yes")
        .contains("milk stays removed:          yes")
        .contains("tombstones 1 -> 0")
        .contains("0 decode errors");
  }
}
