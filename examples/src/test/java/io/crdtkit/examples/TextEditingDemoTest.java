package io.crdtkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Keeps the text demo honest: on a real two-member cluster, the text edited on both sides of a split heals into
 * one text on both members, each side's word whole, and the tombstones of what was deleted are collected.
 */
class TextEditingDemoTest {

  @Test
  void bothMembersShowOneTextWithEachSidesWordWholeAndTheTombstonesAreCollected() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    TextEditingDemo.Outcome outcome = TextEditingDemo.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(outcome.healedTexts()).hasSize(2).containsOnly(outcome.healedTexts().get(0));
    assertThat(outcome.healedTexts().get(0)).isIn("The brown red fox jumps!", "The red brown fox jumps!");
    assertThat(outcome.tombstonesDuringSplit()).isEqualTo(6);        // "quick" and "."
    assertThat(outcome.tombstonesAfterGc()).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("the split heals").contains("tombstones 6 -> 0");
    System.out.print(printed.toString(StandardCharsets.UTF_8));
  }
}
