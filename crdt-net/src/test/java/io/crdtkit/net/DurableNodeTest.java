package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crdtkit.GCounter;
import io.crdtkit.ORSet;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.store.Durability;
import io.crdtkit.store.StoreLockedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;

/**
 * Issue 18, durable members in one JVM (NET.md, "Durable members"): a node restarted from its directory is the same
 * incarnation with every key's state and catches up with the others; a directory is never restarted under another
 * id, never opened twice, and never restarted from when damaged unless told to start fresh.
 */
class DurableNodeTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final CrdtKeyType<ORSet<String>> STRINGS = CrdtKeyType.of(new TypeReference<>() {}, ORSet.empty());
  private static final CrdtKey<ORSet<String>> CART = CrdtKey.of("cart", STRINGS);

  private final String cluster = "durable-" + UUID.randomUUID();
  private final List<CrdtNode> nodes = new ArrayList<>();

  @TempDir
  Path directory;

  @AfterEach
  void closeNodes() {
    InJvmCluster.closeAll(nodes);
    nodes.clear();
  }

  private CrdtNode durable(Path store, Durability mode) {
    CrdtNode node = CrdtNode.builder(cluster).stack(JGroupsStack.inJvm()).durable(store, mode).types(STRINGS)
        .antiEntropyInterval(Duration.ofMillis(300)).reportInterval(Duration.ofMillis(200)).start();
    nodes.add(node);
    return node;
  }

  private CrdtNode inMemory() {
    CrdtNode node = CrdtNode.builder(cluster).stack(JGroupsStack.inJvm()).types(STRINGS)
        .antiEntropyInterval(Duration.ofMillis(300)).reportInterval(Duration.ofMillis(200)).start();
    nodes.add(node);
    return node;
  }

  private void close(CrdtNode node) {
    node.close();
    nodes.remove(node);
  }

  @Test
  void aRestartFromTheDirectoryIsTheSameReplicaWithEveryKeysState() {
    Path store = directory.resolve("node");
    CrdtNode first = durable(store, Durability.SYNC);
    assertThat(first.durableStart()).isEqualTo(DurableStart.NEW_DIRECTORY);
    ReplicaId replica = first.replica();
    Replicated<GCounter> hits = first.register("hits", GCounter.empty(), GCounter.class);
    for (int i = 0; i < 100; i++) {       // past SNAPSHOT_EVERY: a snapshot and the deltas after it
      hits.update((counter, self) -> counter.deltaIncrement(self, 1));
    }
    first.replicated(CART).update((set, self) -> set.deltaAdd(self, "milk"));
    first.replicated(CART).update((set, self) -> set.deltaAdd(self, "eggs"));
    first.replicated(CART).update((set, self) -> set.deltaRemove(self, "milk"));
    first.replicated(CrdtKey.of("gone", STRINGS)).update((set, self) -> set.deltaAdd(self, "x"));
    first.replicated(CrdtKey.of("gone", STRINGS)).delete();
    close(first);

    CrdtNode again = durable(store, Durability.SYNC);
    assertThat(again.durableStart()).isEqualTo(DurableStart.RESTORED);
    assertThat(again.replica()).isEqualTo(replica);
    assertThat(again.replicated(CART).value().value()).containsExactly("eggs");     // a key of a type it knows
    Replicated<GCounter> restored = again.register("hits", GCounter.empty(), GCounter.class);   // one by name
    assertThat(restored.value().value()).isEqualTo(100);
    assertThat(restored.value().entries().keySet()).containsExactly(replica);     // no new clock entry
    restored.update((counter, self) -> counter.deltaIncrement(self, 1));
    assertThat(restored.value().entries().get(replica).get()).isEqualTo(101);    // its counter goes on from 100
    assertThat(again.replicated(CrdtKey.of("gone", STRINGS)).value().value()).isEmpty();
  }

  @Test
  void aRestartedMemberCatchesUpWithWhatTheOthersWroteMeanwhileAndAddsNoReplica() {
    Path store = directory.resolve("a");
    CrdtNode a = durable(store, Durability.GROUP_COMMIT);
    CrdtNode b = inMemory();
    await().atMost(DEADLINE).until(() -> a.members().size() == 2 && b.members().size() == 2);
    a.replicated(CART).update((set, self) -> set.deltaAdd(self, "milk"));
    await().atMost(DEADLINE).until(() -> b.replicated(CART).value().value().contains("milk"));
    ReplicaId replica = a.replica();
    close(a);

    b.replicated(CART).update((set, self) -> set.deltaAdd(self, "tea"));
    CrdtNode restarted = durable(store, Durability.GROUP_COMMIT);
    assertThat(restarted.replica()).isEqualTo(replica);
    await().atMost(DEADLINE).until(() -> restarted.replicated(CART).value().value().size() == 2);
    restarted.replicated(CART).update((set, self) -> set.deltaAdd(self, "coffee"));
    await().atMost(DEADLINE).until(() -> b.replicated(CART).value().value().size() == 3);
    assertThat(Stream.of(restarted, b)).allSatisfy(node ->
        assertThat(node.engine().knownReplicas()).containsExactlyInAnyOrder(replica, b.replica()));
  }

  @Test
  void aRollingRestartOfFiveMembersThreeTimesEachUnderWritesConvergesOnExactlyFiveReplicas() {
    List<Path> stores = new ArrayList<>();
    List<CrdtNode> members = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      stores.add(directory.resolve("member-" + i));
      members.add(durable(stores.get(i), Durability.GROUP_COMMIT));
    }
    List<ReplicaId> replicas = members.stream().map(CrdtNode::replica).toList();
    await().atMost(DEADLINE).until(() -> members.stream().allMatch(node -> node.members().size() == 5));
    int written = 0;
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 5; i++) {
        close(members.get(i));
        for (CrdtNode other : members) {
          if (other != members.get(i)) {             // the others write while it is down
            String item = "item-" + written++;
            other.replicated(CART).update((set, self) -> set.deltaAdd(self, item));
          }
        }
        members.set(i, durable(stores.get(i), Durability.GROUP_COMMIT));
        assertThat(members.get(i).replica()).isEqualTo(replicas.get(i));
        String item = "item-" + written++;
        members.get(i).replicated(CART).update((set, self) -> set.deltaAdd(self, item));
      }
    }
    int total = written;
    await().atMost(DEADLINE).until(() -> members.stream()
        .allMatch(node -> node.replicated(CART).value().value().size() == total));
    assertThat(members).allSatisfy(node -> {
      assertThat(node.engine().knownReplicas()).containsExactlyInAnyOrderElementsOf(replicas);
      assertThat(node.replicated(CART).value().context().vectorClock().entries().keySet().toJavaSet())
          .isSubsetOf(java.util.Set.copyOf(replicas));
    });
  }

  @Test
  void theRetirementLogIsRestoredWithTheStates() throws Exception {
    Path store = directory.resolve("a");
    CrdtNode a = durable(store, Durability.SYNC);
    CrdtNode gone = inMemory();
    await().atMost(DEADLINE).until(() -> a.members().size() == 2);
    gone.replicated(CART).update((set, self) -> set.deltaAdd(self, "milk"));
    await().atMost(DEADLINE).until(() -> a.replicated(CART).value().value().contains("milk"));
    close(gone);
    await().atMost(DEADLINE).until(() -> a.members().size() == 1);
    a.retireAbsent().get();
    close(a);

    CrdtNode again = durable(store, Durability.SYNC);      // alone: nobody else could tell it the log
    assertThat(again.stats().epoch()).isEqualTo(1);
    assertThat(again.stats().retired()).containsExactly(gone.replica());
    assertThat(again.replicated(CART).value().value()).containsExactly("milk");
    assertThat(again.engine().knownReplicas()).containsExactly(again.replica());
  }

  @Test
  void aFullDiskFailsTheUpdateClearlyChangesNothingAndLosesNoAcknowledgedUpdate() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs of its own needs root");
    Path mount = Files.createDirectories(directory.resolve("tmpfs"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mount.toString()),
        "mount -t tmpfs is not permitted here (a container without CAP_SYS_ADMIN?)");
    try {
      Path store = mount.resolve("node");
      CrdtNode node = durable(store, Durability.SYNC);
      Replicated<ORSet<String>> cart = node.replicated(CART);
      String padding = "x".repeat(4_000);
      List<String> acknowledged = new ArrayList<>();
      IllegalStateException failure = null;
      for (int i = 0; i < 10_000 && failure == null; i++) {
        String item = i + padding;
        ORSet<String> before = cart.value();
        try {
          cart.update((set, self) -> set.deltaAdd(self, item));
          acknowledged.add(item);
        } catch (IllegalStateException e) {
          failure = e;
          assertThat(cart.value()).as("nothing changed by the update that failed").isEqualTo(before);
        }
      }
      assertThat(failure).as("a 6 MB disk fills up").isNotNull();
      assertThat(failure.getMessage()).contains("key 'cart'").contains(store.toString()).containsIgnoringCase("space")
          .contains("nothing was changed");

      assertThat(run("mount", "-o", "remount,size=64m", mount.toString())).isTrue();
      close(node);
      CrdtNode again = durable(store, Durability.SYNC);
      assertThat(again.replicated(CART).value().value()).containsAll(acknowledged);
    } finally {
      closeNodes();
      run("umount", "-l", mount.toString());
    }
  }

  private static boolean run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    return process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS) && process.exitValue() == 0;
  }

  @Test
  void aDirectoryIsOpenedByOneNodeOnlyAndRestartsOnlyItsOwnReplica() {
    Path store = directory.resolve("node");
    CrdtNode first = durable(store, Durability.SYNC);
    assertThatThrownBy(() -> durable(store, Durability.SYNC)).isInstanceOf(StoreLockedException.class)
        .hasMessageContaining(store.toString());
    close(first);

    assertThatThrownBy(() -> CrdtNode.builder(cluster).stack(JGroupsStack.inJvm()).durable(store, Durability.SYNC)
        .replica(ReplicaId.of("someone-else")).start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds replica " + first.replica());
    assertThatThrownBy(() -> CrdtNode.builder(cluster).stack(JGroupsStack.inJvm())
        .durable(directory.resolve("empty"), Durability.SYNC).replica(first.replica()).start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is empty")
        .hasMessageContaining("Leave replica(..) unset");
  }

  @Test
  void aDamagedDirectoryIsNeverRestartedFromAndStartsFreshOnlyWhenTold() throws Exception {
    Path store = directory.resolve("node");
    CrdtNode first = durable(store, Durability.SYNC);
    first.register("hits", GCounter.empty(), GCounter.class).update((counter, self) -> counter.deltaIncrement(self, 3));
    close(first);
    Files.delete(store.resolve("CURRENT"));      // RocksDB's pointer to its manifest: the store cannot be read

    assertThatThrownBy(() -> durable(store, Durability.SYNC)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot restart from " + store).hasMessageContaining("freshIncarnationIfDamaged");
    CrdtNode fresh = CrdtNode.builder(cluster).stack(JGroupsStack.inJvm()).durable(store, Durability.SYNC)
        .freshIncarnationIfDamaged().start();
    nodes.add(fresh);
    assertThat(fresh.durableStart()).isEqualTo(DurableStart.FRESH_AFTER_DAMAGE);
    assertThat(fresh.replica()).isNotEqualTo(first.replica());
    assertThat(fresh.register("hits", GCounter.empty(), GCounter.class).value().value()).isZero();
    try (Stream<Path> siblings = Files.list(directory)) {
      assertThat(siblings.map(path -> path.getFileName().toString())).anyMatch(name -> name.startsWith("node.damaged-"));
    }
  }
}
