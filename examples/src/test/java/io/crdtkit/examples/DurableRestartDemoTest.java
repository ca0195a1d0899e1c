package io.crdtkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the README's second demo honest: the restarted member must be the same replica, hold what it wrote from
 * its own directory before catching up, and leave every member's clock with three replica ids.
 */
class DurableRestartDemoTest {

  @Test
  void theRestartedMemberIsTheSameReplicaWithItsStateAndCatchesUp(@TempDir Path root) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DurableRestartDemo.Outcome outcome =
        DurableRestartDemo.run(new PrintStream(printed, true, StandardCharsets.UTF_8), root.resolve("stores"));

    assertThat(outcome.after()).isEqualTo(outcome.before());
    assertThat(outcome.restoredItems()).as("from its own directory, before catching up").isGreaterThanOrEqualTo(300);
    assertThat(outcome.itemsEverywhere()).containsExactly(350, 350, 350);
    assertThat(outcome.replicaSetSizes()).containsExactly(3, 3, 3);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("started as RESTORED")
        .contains("the same replica id after the restart: yes");
  }
}
