package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.ORSet;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.jackson.CrdtMappers;
import io.vavr.collection.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The snippets of the home page (index.adoc), and what they claim. */
class GettingStartedTest {

  @Test
  void replicasThatMergeInAnyOrderEndWithTheSameSet() {
    // tag::first-set[]
    ReplicaId alice = ReplicaId.of("alice");
    ReplicaId bob = ReplicaId.of("bob");

    ORSet<String> shared = ORSet.<String>empty().add(alice, "milk");   // both replicas start from this

    ORSet<String> onAlice = shared.remove(alice, "milk").add(alice, "eggs");  // concurrently...
    ORSet<String> onBob = shared.add(bob, "bread");

    ORSet<String> aliceFirst = onAlice.merge(onBob);
    ORSet<String> bobFirst = onBob.merge(onAlice);
    // end::first-set[]

    assertThat(aliceFirst).isEqualTo(bobFirst);
    assertThat(aliceFirst.value()).isEqualTo(HashSet.of("eggs", "bread"));
    assertThat(aliceFirst.merge(onBob)).isEqualTo(aliceFirst);          // merging again changes nothing
    assertThat(aliceFirst.merge(shared)).isEqualTo(aliceFirst);         // nor does an old copy: milk stays removed

    SnippetOutput.write("first-set.txt", String.join("\n",
        "onAlice.value()    " + onAlice.value(),
        "onBob.value()      " + onBob.value(),
        "aliceFirst.value() " + aliceFirst.value(),
        "bobFirst.value()   " + bobFirst.value(),
        "aliceFirst.equals(bobFirst) " + aliceFirst.equals(bobFirst)));
  }

  @Test
  void threeReplicasMergedInEveryOrderAgree() {
    ReplicaId alice = ReplicaId.of("alice");
    ReplicaId bob = ReplicaId.of("bob");
    ReplicaId carol = ReplicaId.of("carol");
    ORSet<String> shared = ORSet.<String>empty().add(alice, "milk");
    List<ORSet<String>> replicas = List.of(
        shared.remove(alice, "milk"), shared.add(bob, "bread").add(bob, "milk"), shared.add(carol, "jam"));

    ORSet<String> expected = replicas.get(0).merge(replicas.get(1)).merge(replicas.get(2));
    for (List<Integer> order : List.of(List.of(0, 2, 1), List.of(1, 0, 2), List.of(1, 2, 0), List.of(2, 0, 1),
        List.of(2, 1, 0))) {
      ORSet<String> merged = replicas.get(order.get(0)).merge(replicas.get(order.get(1))).merge(replicas.get(order.get(2)));
      assertThat(merged).as("merged in the order %s", order).isEqualTo(expected);
    }
    // bob's add of milk was concurrent with alice's remove: the add wins
    assertThat(expected.value()).isEqualTo(HashSet.of("milk", "bread", "jam"));
  }

  @Test
  void aDeltaCarriesOneUpdateAndMergesLikeTheWholeState() {
    ReplicaId alice = ReplicaId.of("alice");
    ReplicaId bob = ReplicaId.of("bob");
    ORSet<String> onAlice = ORSet.<String>empty().add(alice, "eggs");
    ORSet<String> onBob = onAlice;

    // tag::delta[]
    ORSet<String> delta = onBob.deltaAdd(bob, "jam");   // a small state holding this one add
    onBob = onBob.merge(delta);                         // the same as onBob.add(bob, "jam")
    onAlice = onAlice.merge(delta);                     // what bob sends: the delta, not his whole set
    // end::delta[]

    assertThat(onBob).isEqualTo(ORSet.<String>empty().add(alice, "eggs").add(bob, "jam"));
    assertThat(onAlice).isEqualTo(onBob);
  }

  @Test
  void aSetSurvivesAJsonRoundTripAndEqualStatesGiveEqualDocuments() {
    ReplicaId alice = ReplicaId.of("alice");
    ReplicaId bob = ReplicaId.of("bob");
    ORSet<String> shared = ORSet.<String>empty().add(alice, "milk");
    ORSet<String> onAlice = shared.remove(alice, "milk").add(alice, "eggs");
    ORSet<String> onBob = shared.add(bob, "bread");
    ORSet<String> merged = onAlice.merge(onBob);

    // tag::json[]
    JsonMapper json = CrdtMappers.json();    // crdt-jackson: a mapper that knows every crdtkit type

    String document = json.writeValueAsString(merged);
    ORSet<String> readBack = json.readValue(document, new TypeReference<ORSet<String>>() {});
    // end::json[]

    assertThat(readBack).isEqualTo(merged);
    assertThat(readBack.value()).isEqualTo(merged.value());
    // canonical: the other merge order writes the same bytes
    assertThat(json.writeValueAsString(onBob.merge(onAlice))).isEqualTo(document);
    SnippetOutput.write("json.txt", document);
  }
}
