package io.crdtkit.examples;

import io.crdtkit.Sequence;
import io.crdtkit.Sequences;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtMappers;
import io.crdtkit.net.CrdtNode;
import io.crdtkit.net.JGroupsStack;
import io.crdtkit.net.PartitionInjector;
import io.crdtkit.net.Replicated;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.core.type.TypeReference;

/**
 * The text demo: two members (alice, bob) on 127.0.0.1, over JGroups' TCP preset, editing one text, a
 * {@code Sequence<Character>} (Fugue). The network splits; both type at the same place, key by key as an editor
 * sends them, and delete; the split heals; both members show the same text, each side's words whole (never
 * "brreodwn"); and the garbage collector reclaims the tombstones of what was deleted.
 */
public final class TextEditingDemo {

  private static final TypeReference<Sequence<Character>> TEXT = new TypeReference<>() {};
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final String[] NAMES = {"alice", "bob"};

  private TextEditingDemo() {}

  /** What the demo ends with, for its test: each member's text after the heal, and the tombstones held. */
  record Outcome(List<String> healedTexts, int tombstonesDuringSplit, int tombstonesAfterGc) {}

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  static Outcome run(PrintStream out) throws Exception {
    out.println("crdtkit text demo: one text on two members on 127.0.0.1 (JGroups, TCP)");
    out.println();
    Stopwatch clock = new Stopwatch(DEADLINE);
    List<Integer> ports = LoopbackPorts.free(NAMES.length);
    String cluster = "text-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    List<CrdtNode> nodes = new ArrayList<>();
    try {
      for (String name : NAMES) {
        nodes.add(CrdtNode.builder(cluster).replica(ReplicaId.fresh(name))
            .stack(JGroupsStack.tcp(ports.get(nodes.size()), ports)).bindAddress("127.0.0.1")
            .antiEntropyInterval(Duration.ofSeconds(1)).reportInterval(Duration.ofMillis(250)).start());
      }
      clock.await(() -> nodes.stream().allMatch(n -> n.members().size() == NAMES.length));
      out.printf("1. %-50s %6d ms%n", "alice and bob find each other", clock.lap());
      List<Replicated<Sequence<Character>>> docs = new ArrayList<>();
      nodes.forEach(n -> docs.add(n.register("doc", Sequence.<Character>empty(), TEXT)));
      Replicated<Sequence<Character>> alice = docs.get(0);
      Replicated<Sequence<Character>> bob = docs.get(1);

      alice.update((doc, self) -> Sequences.deltaInsertString(doc, self, 0, "The fox jumps."));
      clock.await(() -> text(bob).equals("The fox jumps."));
      out.printf("2. %-50s %6d ms%n", "alice types; bob sees \"" + text(bob) + "\"", clock.lap());

      PartitionInjector partitions = PartitionInjector.of(nodes.toArray(CrdtNode[]::new));
      partitions.split(nodes.subList(0, 1), nodes.subList(1, 2));
      clock.await(() -> nodes.stream().allMatch(n -> n.members().size() == 1));
      out.printf("3. %-50s %6d ms%n", "the network splits", clock.lap());
      type(alice, 4, "quick");                                  // a word typed, then taken back
      for (int i = 0; i < "quick".length(); i++) {
        int last = 4 + "quick".length() - 1 - i;
        alice.update((doc, self) -> doc.deltaDelete(self, last, 1));
      }
      type(alice, 4, "brown ");
      type(bob, 4, "red ");
      bob.update((doc, self) -> doc.deltaDelete(self, doc.size() - 1, 1));
      type(bob, bob.value().size(), "!");
      out.printf("   %-50s -> \"%s\"%n", "alice typed \"quick\", erased it, typed \"brown \"", text(alice));
      out.printf("   %-50s -> \"%s\"%n", "bob typed \"red \" at the same place, and \"!\"", text(bob));
      int tombstonesDuringSplit = alice.value().tombstones() + bob.value().tombstones();
      out.printf("   %-50s %d on alice, %d on bob%n", "tombstones held while the other is away",
          alice.value().tombstones(), bob.value().tombstones());

      clock.lap();
      partitions.heal();
      clock.await(() -> nodes.stream().allMatch(n -> n.stats().viewSize() == NAMES.length));
      long merged = clock.lap();
      clock.await(() -> text(alice).equals(text(bob)) && alice.value().size() == "The brown red fox jumps!".length());
      out.printf("4. %-50s %6d ms, converged %d ms later%n", "the split heals", merged, clock.lap());
      List<String> healed = docs.stream().map(TextEditingDemo::text).toList();
      for (int i = 0; i < NAMES.length; i++) {
        out.printf("   %-50s -> \"%s\"%n", NAMES[i] + "'s text", healed.get(i));
      }

      clock.await(() -> docs.stream().allMatch(d -> d.value().tombstones() == 0));
      out.printf("5. %-50s %6d ms%n", "tombstones " + tombstonesDuringSplit + " -> 0, collected on both after",
          clock.lap());
      CrdtCodec<Sequence<Character>> smile = CrdtCodec.of(CrdtMappers.smile(), TEXT);
      out.printf("   %-50s %d bytes in Smile for %d characters%n", "the collected text", smile.encode(alice.value())
          .length, alice.value().size());
      return new Outcome(healed, tombstonesDuringSplit, docs.stream().mapToInt(d -> d.value().tombstones()).sum());
    } finally {
      nodes.forEach(CrdtNode::close);
    }
  }

  /** Types {@code text} at {@code index} key by key, one update per character, as an editor sends them. */
  private static void type(Replicated<Sequence<Character>> doc, int index, String text) {
    for (int i = 0; i < text.length(); i++) {
      int at = index + i;
      char c = text.charAt(i);
      doc.update((current, self) -> current.deltaInsert(self, at, c));
    }
  }

  private static String text(Replicated<Sequence<Character>> doc) {
    return Sequences.text(doc.value());
  }
}
