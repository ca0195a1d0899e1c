package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import org.junit.jupiter.api.Test;

/**
 * A delta made by a delta mutator remembers the state it was made from and the state its update makes
 * ({@link OwnDelta}): merging it back into that very state is then a lookup. Everything else about the delta must
 * stay as it was: any other merge is a join, the delta's value and equality are unchanged, and a kept delta does
 * not keep the states it remembers alive.
 */
class OwnDeltaTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");

  private static ORSet<String> fixture() {
    ORSet<String> set = ORSet.empty();
    for (int i = 0; i < 100; i++) {
      set = set.add(i % 2 == 0 ? A : B, "item-" + i);
    }
    return set;
  }

  @Test
  void mergingADeltaBackIntoItsOriginGivesWhatThePlainMutatorGives() {
    ORSet<String> set = fixture();

    ORSet<String> delta = set.deltaAdd(A, "new");
    ORSet<String> merged = set.merge(delta);

    assertThat(merged).isEqualTo(set.add(A, "new")).isEqualTo(delta.merge(set));
    assertThat(merged.progress()).isEqualTo(delta.merge(set).progress());
    assertThat(merged.contains("new")).isTrue();
  }

  @Test
  void anEqualStateThatIsNotTheOriginJoinsTheDelta() {
    ORSet<String> set = fixture();
    ORSet<String> copy = ORSet.<String>empty().merge(set);
    ORSet<String> delta = set.deltaRemove(A, "item-3");

    assertThat(copy).isEqualTo(set).isNotSameAs(set);
    assertThat(copy.merge(delta)).isEqualTo(set.merge(delta)).isEqualTo(set.remove(A, "item-3"));
  }

  @Test
  void aDeltaIsEqualToTheSameDeltaWithoutWhatItRemembers() {
    ORSet<String> set = fixture();
    ORSet<String> delta = set.deltaAdd(B, "x");

    ORSet<String> forgotten = OwnDelta.forget(delta);

    assertThat(forgotten).isNotSameAs(delta).isEqualTo(delta).hasSameHashCodeAs(delta);
    assertThat(OwnDelta.forget(forgotten)).isSameAs(forgotten);
    assertThat(set.merge(forgotten)).isEqualTo(set.merge(delta));
  }

  @Test
  void aGroupOfDeltasRemembersNothing() {
    ORSet<String> set = fixture();
    ORSet<String> first = set.deltaAdd(A, "x");
    ORSet<String> second = set.merge(first).deltaAdd(A, "y");

    ORSet<String> group = first.merge(second);

    assertThat(OwnDelta.forget(group)).isSameAs(group);
    assertThat(set.merge(group)).isEqualTo(set.add(A, "x").add(A, "y"));
  }

  @Test
  void aMapKeepsItsValuesDeltasWithoutWhatTheyRemember() {
    ORMap<String, ORSet<String>> map = ORMap.empty(ORSet.empty());

    map = map.update(A, "cart", items -> items.deltaAdd(A, "milk"))
        .update(A, "cart", items -> items.deltaAdd(A, "eggs"));
    ORMap<String, ORSet<String>> delta = map.deltaUpdate(A, "cart", items -> items.deltaRemove(A, "milk"));

    for (var deltas : map.parts().deltas().values()) {
      deltas.values().forEach(nested -> assertThat(OwnDelta.forget(nested)).isSameAs(nested));
    }
    for (var deltas : delta.parts().deltas().values()) {
      deltas.values().forEach(nested -> assertThat(OwnDelta.forget(nested)).isSameAs(nested));
    }
    assertThat(map.merge(delta).get("cart").get().value()).containsExactly("eggs");
    assertThat(delta.merge(map)).isEqualTo(map.merge(delta));
  }

  @Test
  void everyTypeWithTheShortcutAnswersBothWays() {
    LWWMap<String, String> map = LWWMap.<String, String>empty()
        .put(HlcTimestamp.of(1, 0, A), "k", "v1").put(HlcTimestamp.of(2, 0, B), "j", "w");
    LWWMap<String, String> put = map.deltaPut(HlcTimestamp.of(3, 0, A), "k", "v2");
    assertThat(map.merge(put)).isEqualTo(put.merge(map)).isEqualTo(map.put(HlcTimestamp.of(3, 0, A), "k", "v2"));
    LWWMap<String, String> losing = map.deltaPut(HlcTimestamp.of(0, 0, A), "k", "old");
    assertThat(map.merge(losing)).isSameAs(map);

    Sequence<Character> text = Sequences.insertString(Sequence.empty(), A, 0, "hello");
    Sequence<Character> insert = text.deltaInsert(B, 5, '!');
    Sequence<Character> delete = text.deltaDelete(B, 0, 1);
    assertThat(text.merge(insert)).isEqualTo(insert.merge(text)).isEqualTo(text.insert(B, 5, '!'));
    assertThat(text.merge(delete)).isEqualTo(delete.merge(text)).isEqualTo(text.delete(B, 0, 1));
    assertThat(OwnDelta.forget(insert)).isEqualTo(insert);

    MVRegister<String> register = MVRegister.<String>empty().write(A, "a");
    MVRegister<String> write = register.deltaWrite(B, "b");
    assertThat(register.merge(write)).isEqualTo(write.merge(register)).isEqualTo(register.write(B, "b"));

    EWFlag flag = EWFlag.empty().enable(A);
    assertThat(flag.merge(flag.deltaDisable(B))).isEqualTo(flag.deltaDisable(B).merge(flag));
    DWFlag other = DWFlag.empty().enable(A);
    assertThat(other.merge(other.deltaDisable(B))).isEqualTo(other.deltaDisable(B).merge(other));
    RWSet<String> rw = RWSet.<String>empty().add(A, "x");
    assertThat(rw.merge(rw.deltaRemove(B, "x"))).isEqualTo(rw.deltaRemove(B, "x").merge(rw))
        .isEqualTo(rw.remove(B, "x"));
    ORSet<String> set = fixture();
    assertThat(set.merge(set.deltaClear(A))).isEqualTo(set.deltaClear(A).merge(set)).isEqualTo(set.clear(A));
  }
}
