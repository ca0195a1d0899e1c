package io.crdtkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keeps the README's demo honest: it must show the anomaly, then converge with the removed item gone. */
class ShoppingCartDemoTest {

  @Test
  void naiveUnionResurrectsTheMilkButTheReplicasConvergeWithoutIt() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ShoppingCartDemo.Outcome outcome =
        ShoppingCartDemo.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(outcome.naiveUnion()).containsEntry("milk", 2L);
    assertThat(outcome.replicaCarts()).allSatisfy(cart ->
        assertThat(cart).isEqualTo(Map.of("eggs", 12L, "bread", 1L)));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("converged to the same state: yes")
        .contains("milk stays removed:          yes");
  }
}
