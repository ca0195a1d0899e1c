package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.clock.ReplicaId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The join-semilattice laws and the delta law, checked over states reached by random 3-replica histories.
 * A type's test extends this and names its bottom state and its operations; the full, reusable law kit lives in
 * the crdt-laws module.
 */
abstract class MergeLawProperties<S extends DeltaCrdt<S>> {

  /** The state every replica starts from. */
  abstract S bottom();

  /** The type's mutators, with arguments drawn from a small domain so that replicas collide. */
  abstract Arbitrary<Operation<S>> operations();

  /** The state rebuilt through the type's public factory from its public accessors (what a decoder does). */
  abstract S rebuiltFromParts(S state);

  @Provide
  Arbitrary<List<S>> replicaStates() {
    return History.of(operations(), 30).map(history -> history.run(bottom()));
  }

  @Provide
  Arbitrary<Operation<S>> anyOperation() {
    return operations();
  }

  @Provide
  Arbitrary<ReplicaId> anyReplica() {
    return Arbitraries.of(History.REPLICAS);
  }

  @Property
  void mergeIsCommutative(@ForAll("replicaStates") List<S> states) {
    S x = states.get(0);
    S y = states.get(1);
    assertThat(x.merge(y)).isEqualTo(y.merge(x));
  }

  @Property
  void mergeIsAssociative(@ForAll("replicaStates") List<S> states) {
    S x = states.get(0);
    S y = states.get(1);
    S z = states.get(2);
    assertThat(x.merge(y).merge(z)).isEqualTo(x.merge(y.merge(z)));
  }

  @Property
  void mergeIsIdempotent(@ForAll("replicaStates") List<S> states) {
    S x = states.get(0);
    assertThat(x.merge(x)).isEqualTo(x);
    assertThat(x.merge(x)).isSameAs(x);
  }

  @Property
  void bottomIsTheIdentity(@ForAll("replicaStates") List<S> states) {
    S x = states.get(0);
    assertThat(x.merge(x.bottom())).isEqualTo(x);
    assertThat(x.bottom().merge(x)).isEqualTo(x);
  }

  @Property
  void orderAgreesWithMerge(@ForAll("replicaStates") List<S> states) {
    S x = states.get(0);
    S y = states.get(1);
    S joined = x.merge(y);
    assertThat(x.isLessOrEqual(joined)).as("x <= x merge y").isTrue();
    assertThat(y.isLessOrEqual(joined)).as("y <= x merge y").isTrue();
    assertThat(x.isLessOrEqual(y)).as("x <= y iff x merge y == y").isEqualTo(joined.equals(y));
  }

  @Property
  void mergingTheDeltaEqualsTheFullMutator(
      @ForAll("replicaStates") List<S> states,
      @ForAll("anyOperation") Operation<S> operation,
      @ForAll("anyReplica") ReplicaId replica) {
    S x = states.get(0);
    S delta = operation.deltaOf(x, replica);
    // x.merge(delta) may be answered from what the delta remembers of x (OwnDelta); delta.merge(x) is a join.
    assertThat(x.merge(delta)).isEqualTo(operation.apply(x, replica));
    assertThat(delta.merge(x)).isEqualTo(operation.apply(x, replica));
    if (x instanceof Collectable<?> && delta.merge(x) instanceof Collectable<?> joined) {
      // Not part of equality, but what stability reports tell: the shortcut must deliver what the join delivers.
      assertThat(((Collectable<?>) x.merge(delta)).progress()).isEqualTo(joined.progress());
    }
  }

  @Property
  void everyUpdateInflates(
      @ForAll("replicaStates") List<S> states,
      @ForAll("anyOperation") Operation<S> operation,
      @ForAll("anyReplica") ReplicaId replica) {
    S x = states.get(0);
    assertThat(x.isLessOrEqual(operation.apply(x, replica))).isTrue();
  }

  @Property
  void rebuildingFromThePartsGivesAnEqualState(@ForAll("replicaStates") List<S> states) {
    for (S state : states) {
      assertThat(rebuiltFromParts(state)).isEqualTo(state);
    }
  }

  @Property
  void replicasThatExchangeStatesConverge(@ForAll("replicaStates") List<S> states) {
    S x = states.get(0);
    S y = states.get(1);
    S z = states.get(2);
    S atX = x.merge(y).merge(z);
    S atY = y.merge(z).merge(x);
    S atZ = z.merge(x).merge(y);
    assertThat(atY).isEqualTo(atX);
    assertThat(atZ).isEqualTo(atX);
    assertThat(atX.hashCode()).isEqualTo(atZ.hashCode());
  }
}
