package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.DWFlag;
import io.crdtkit.EWFlag;
import io.crdtkit.GCounter;
import io.crdtkit.LWWMap;
import io.crdtkit.LWWRegister;
import io.crdtkit.MVRegister;
import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.PNCounter;
import io.crdtkit.RWSet;
import io.crdtkit.Sequence;
import io.crdtkit.Sequences;
import io.crdtkit.TwoPhaseSet;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.control.Option;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The races of the decision guide (pick-a-type.adoc): each runs one history on two replicas, asserts the outcome
 * the guide states, and adds a row to the outcome table that the page includes (target/snippets/races.adoc).
 */
class PickATypeTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");

  /**
   * The table's rows in the guide's order (counters, sets, registers, flags, maps, lists), whatever order tests run
   * in.
   */
  private static final SortedMap<Integer, String> ROWS = new TreeMap<>();

  private static void row(int position, String race, String type, String how, Object outcome) {
    ROWS.put(position, "| " + race + " | `" + type + "` | " + how + " | `" + outcome + "`");
  }

  @AfterAll
  static void writeTheOutcomeTable() {
    StringBuilder table = new StringBuilder()
        .append("[cols=\"3,2,4,3\",options=\"header\"]\n|===\n| race | type | how it ends | value after the merge\n");
    ROWS.values().forEach(line -> table.append(line).append('\n'));
    SnippetOutput.write("races.adoc", table.append("|===").toString());
  }

  @Test
  void aCounterThatBothReplicasDecrementGoesBelowZero() {
    // tag::counter[]
    PNCounter stock = PNCounter.empty().increment(ALICE, 1);   // one left, and both replicas know it

    PNCounter onAlice = stock.decrement(ALICE, 1);             // both sell it, concurrently
    PNCounter onBob = stock.decrement(BOB, 1);

    long left = onAlice.merge(onBob).value();                  // -1: a counter is not a guard
    // end::counter[]

    assertThat(left).isEqualTo(-1);
    assertThat(onBob.merge(onAlice).value()).isEqualTo(-1);
    row(2, "1 in stock; both replicas decrement", "PNCounter", "every increment and decrement counts", left);

    GCounter views = GCounter.empty().increment(ALICE, 3).merge(GCounter.empty().increment(BOB, 2));
    assertThat(views.value()).isEqualTo(5);
    row(1, "alice adds 3, bob adds 2", "GCounter", "increments all count; it cannot go down", views.value());
  }

  @Test
  void anAddRacingARemoveEndsByTheTypesRule() {
    // tag::add-remove-race[]
    ORSet<String> orShared = ORSet.<String>empty().add(ALICE, "milk");
    ORSet<String> orMerged = orShared.remove(ALICE, "milk").merge(orShared.add(BOB, "milk"));

    RWSet<String> rwShared = RWSet.<String>empty().add(ALICE, "milk");
    RWSet<String> rwMerged = rwShared.remove(ALICE, "milk").merge(rwShared.add(BOB, "milk"));

    orMerged.contains("milk");   // true: the add wins
    rwMerged.contains("milk");   // false: the remove wins
    // end::add-remove-race[]

    assertThat(orMerged.contains("milk")).isTrue();
    assertThat(rwMerged.contains("milk")).isFalse();
    assertThat(orShared.add(BOB, "milk").merge(orShared.remove(ALICE, "milk"))).isEqualTo(orMerged);
    assertThat(rwShared.add(BOB, "milk").merge(rwShared.remove(ALICE, "milk"))).isEqualTo(rwMerged);
    String race = "milk present; alice removes it while bob adds it";
    row(3, race, "ORSet", "the add wins", orMerged.value());
    row(4, race, "RWSet", "the remove wins", rwMerged.value());

    TwoPhaseSet<String> twoPhase = TwoPhaseSet.<String>empty().add("milk");
    TwoPhaseSet<String> twoPhaseMerged = twoPhase.remove("milk").merge(twoPhase.add("milk"));
    assertThat(twoPhaseMerged.contains("milk")).isFalse();
    assertThat(twoPhaseMerged.add("milk").contains("milk")).as("once removed, never again").isFalse();
    row(5, race, "TwoPhaseSet", "the remove wins, and no later add brings milk back", twoPhaseMerged.value());
  }

  @Test
  void concurrentWritesKeepTheLastWriterOrAllOfThem() {
    // tag::register-race[]
    HlcTimestamp sameInstantOnAlice = HlcTimestamp.of(1_000, 0, ALICE);
    HlcTimestamp sameInstantOnBob = HlcTimestamp.of(1_000, 0, BOB);

    LWWRegister<String> lww = LWWRegister.<String>empty().set(sameInstantOnAlice, "red")
        .merge(LWWRegister.<String>empty().set(sameInstantOnBob, "blue"));
    MVRegister<String> mv = MVRegister.<String>empty().write(ALICE, "red")
        .merge(MVRegister.<String>empty().write(BOB, "blue"));

    lww.value();   // Some(blue): equal clocks, and "bob" > "alice" breaks the tie
    mv.value();    // red and blue: both kept until a write that has seen them replaces them
    // end::register-race[]

    assertThat(lww.value()).isEqualTo(Option.of("blue"));
    assertThat(mv.value()).isEqualTo(HashSet.of("red", "blue"));
    assertThat(mv.write(ALICE, "purple").value()).isEqualTo(HashSet.of("purple"));
    String race = "alice writes red, bob writes blue, at the same instant";
    row(6, race, "LWWRegister", "the greater timestamp wins; equal ones go to the greater replica id", lww.value());
    row(7, race, "MVRegister", "both values kept, until a write that saw them", mv.value());
  }

  @Test
  void aFlagEnabledAndDisabledConcurrentlyEndsByTheTypesRule() {
    EWFlag ew = EWFlag.empty().enable(ALICE);
    EWFlag ewMerged = ew.disable(ALICE).merge(ew.enable(BOB));
    DWFlag dw = DWFlag.empty().enable(ALICE);
    DWFlag dwMerged = dw.disable(ALICE).merge(dw.enable(BOB));

    assertThat(ewMerged.value()).isTrue();
    assertThat(dwMerged.value()).isFalse();
    String race = "flag on; alice turns it off while bob turns it on";
    row(8, race, "EWFlag", "enable wins", ewMerged.value());
    row(9, race, "DWFlag", "disable wins", dwMerged.value());
  }

  @Test
  void aMapKeyRemovedWhileAnotherReplicaUpdatesIt() {
    // tag::map-race[]
    ORMap<String, PNCounter> cart = ORMap.<String, PNCounter>empty(PNCounter.empty())
        .update(ALICE, "milk", qty -> qty.deltaIncrement(ALICE, 2));

    ORMap<String, PNCounter> onAlice = cart.remove(ALICE, "milk");
    ORMap<String, PNCounter> onBob = cart.update(BOB, "milk", qty -> qty.deltaIncrement(BOB, 1));

    onAlice.merge(onBob).get("milk").map(PNCounter::value);   // Some(1): the update survives, alone
    // end::map-race[]

    ORMap<String, PNCounter> merged = onAlice.merge(onBob);
    assertThat(merged.get("milk").map(PNCounter::value)).isEqualTo(Option.of(1L));
    assertThat(onBob.merge(onAlice)).isEqualTo(merged);
    row(10, "milk: 2 in the cart; alice removes milk while bob adds 1", "ORMap<String, PNCounter>",
        "the concurrent update keeps the key, with that update's count only",
        merged.value().mapValues(PNCounter::value));

    HlcTimestamp earlier = HlcTimestamp.of(1_000, 0, ALICE);
    HlcTimestamp later = HlcTimestamp.of(1_001, 0, BOB);
    LWWMap<String, Integer> lwwCart = LWWMap.<String, Integer>empty().put(HlcTimestamp.of(999, 0, ALICE), "milk", 2);
    LWWMap<String, Integer> lwwMerged = lwwCart.remove(later, "milk").merge(lwwCart.put(earlier, "milk", 3));
    assertThat(lwwMerged.containsKey("milk")).isFalse();
    assertThat(lwwCart.put(earlier, "milk", 3).merge(lwwCart.remove(later, "milk"))).isEqualTo(lwwMerged);
    row(11, "milk: 2; bob removes it at 1,001 ms while alice sets 3 at 1,000 ms", "LWWMap<String, Integer>",
        "the later write wins, a remove included", lwwMerged.value());
    assertThat(lwwMerged.value()).isEqualTo(HashMap.empty());
  }

  @Test
  void twoRunsTypedAtTheSamePlaceStayWhole() {
    // tag::sequence-race[]
    Sequence<Character> doc = Sequences.insertString(Sequence.empty(), ALICE, 0, "[]");

    Sequence<Character> onAlice = Sequences.insertString(doc, ALICE, 1, "abc");   // concurrently, at one place
    Sequence<Character> onBob = Sequences.insertString(doc, BOB, 1, "xyz");

    Sequences.text(onAlice.merge(onBob));   // "[abcxyz]": one run, then the other
    // end::sequence-race[]

    String merged = Sequences.text(onAlice.merge(onBob));
    assertThat(merged).isEqualTo("[abcxyz]");
    assertThat(onBob.merge(onAlice)).isEqualTo(onAlice.merge(onBob));
    row(12, "alice types abc, bob types xyz, at the same place", "Sequence<Character>",
        "both runs kept whole, one after the other, never interleaved", merged);
  }
}
