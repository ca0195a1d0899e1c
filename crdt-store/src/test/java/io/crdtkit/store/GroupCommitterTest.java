package io.crdtkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {

  private final AtomicInteger syncsStarted = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);

  /** An fsync that stalls until {@link #release} opens. */
  private void stallingSync() throws InterruptedException {
    syncsStarted.incrementAndGet();
    assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void stagesRegisteredDuringAnFsyncShareTheNextOne() throws Exception {
    GroupCommitter committer = new GroupCommitter(this::stallingSync, 0, 1000, "test");
    try {
      CompletableFuture<Void> first = committer.register();
      await().atMost(Duration.ofSeconds(5)).until(() -> syncsStarted.get() == 1);
      CompletableFuture<Void> second = committer.register();
      CompletableFuture<Void> third = committer.register();
      assertThat(first).isNotDone();
      release.countDown();
      CompletableFuture.allOf(first, second, third).get(5, TimeUnit.SECONDS);
      assertThat(syncsStarted.get()).isEqualTo(2);
    } finally {
      release.countDown();
      committer.close();
    }
  }

  @Test
  void aStalledFsyncHoldsWritersBackAtMaxPending() throws Exception {
    GroupCommitter committer = new GroupCommitter(this::stallingSync, 0, 2, "test");
    try {
      CompletableFuture<Void> inFlight = committer.register();
      await().atMost(Duration.ofSeconds(5)).until(() -> syncsStarted.get() == 1);
      committer.register();
      committer.register(); // two pending: the limit
      CompletableFuture<CompletableFuture<Void>> held = CompletableFuture.supplyAsync(committer::register);
      await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !held.isDone());
      release.countDown();
      held.get(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
      assertThat(inFlight).isDone();
    } finally {
      release.countDown();
      committer.close();
    }
  }

  @Test
  void aFailedFsyncFailsItsStagesAndEveryLaterOne() {
    try (GroupCommitter committer = new GroupCommitter(() -> {
      throw new IOException("EIO");
    }, 0, 1000, "test-dir")) {
      CompletableFuture<Void> first = committer.register();
      await().atMost(Duration.ofSeconds(5)).until(first::isDone);
      assertThat(first).isCompletedExceptionally();
      assertThatThrownBy(() -> committer.register().get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(StoreException.class)
          .hasMessageContaining("test-dir").hasMessageContaining("EIO").hasMessageContaining("not durable");
    }
  }
}
