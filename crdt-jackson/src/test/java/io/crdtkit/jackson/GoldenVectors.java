package io.crdtkit.jackson;

import io.crdtkit.DWFlag;
import io.crdtkit.EWFlag;
import io.crdtkit.GCounter;
import io.crdtkit.GSet;
import io.crdtkit.LWWMap;
import io.crdtkit.LWWRegister;
import io.crdtkit.MVRegister;
import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.PNCounter;
import io.crdtkit.RWSet;
import io.crdtkit.TwoPhaseSet;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * The states behind the checked-in golden vectors ({@code src/test/resources/golden/v<version>/<name>.json} and
 * {@code .smile}): each built by a short, fixed history with the surprising parts in it (concurrent adds,
 * out-of-order dots, ties, tombstones, deltas). Never change a state once its vectors are checked in; add a new
 * name instead.
 */
final class GoldenVectors {

  static final ReplicaId A = ReplicaId.of("a");
  static final ReplicaId B = ReplicaId.of("b");
  static final ReplicaId C = ReplicaId.of("c-7f3a9c01e2d4");
  static final long T = 1_732_872_000_000L;

  record Vector<S>(String name, TypeReference<S> type, S state) {}

  private GoldenVectors() {}

  static List<Vector<?>> all() {
    return List.of(
        new Vector<>("gcounter", new TypeReference<GCounter>() {}, GCounter.empty().increment(A, 3).increment(B, 5)),
        new Vector<>("pncounter", new TypeReference<PNCounter>() {},
            PNCounter.empty().increment(A, 10).decrement(B, 3).decrement(A, 1)),
        new Vector<>("gset", new TypeReference<GSet<String>>() {}, GSet.of("milk", "eggs", "Aa", "BB", "ünï")),
        new Vector<>("twophaseset", new TypeReference<TwoPhaseSet<String>>() {},
            TwoPhaseSet.<String>empty().add("ticket-1").add("ticket-2").add("ticket-3").remove("ticket-2")),
        new Vector<>("orset", new TypeReference<ORSet<String>>() {}, orSet()),
        new Vector<>("orset-of-records", new TypeReference<ORSet<Item>>() {},
            ORSet.<Item>empty().add(A, new Item("sku-1", 2)).add(B, new Item("sku-2", 1))),
        new Vector<>("rwset", new TypeReference<RWSet<String>>() {}, rwSet()),
        new Vector<>("ewflag", new TypeReference<EWFlag>() {}, ewFlag()),
        new Vector<>("dwflag", new TypeReference<DWFlag>() {}, dwFlag()),
        new Vector<>("mvregister", new TypeReference<MVRegister<String>>() {}, mvRegister()),
        new Vector<>("lwwregister", new TypeReference<LWWRegister<String>>() {},
            LWWRegister.<String>empty().set(HlcTimestamp.of(T, 0, A), "dark")),
        new Vector<>("lwwregister-cleared", new TypeReference<LWWRegister<String>>() {},
            LWWRegister.<String>empty().set(HlcTimestamp.of(T, 0, A), "dark").clear(HlcTimestamp.of(T + 5, 1, B))),
        new Vector<>("lwwregister-empty", new TypeReference<LWWRegister<String>>() {}, LWWRegister.empty()),
        new Vector<>("lwwmap", new TypeReference<LWWMap<String, String>>() {}, lwwMap()),
        new Vector<>("ormap-of-counters", new TypeReference<ORMap<String, PNCounter>>() {}, cart()),
        new Vector<>("ormap-of-counters-delta", new TypeReference<ORMap<String, PNCounter>>() {},
            cart().deltaUpdate(B, "milk", quantity -> quantity.deltaDecrement(B, 1))),
        new Vector<>("ormap-of-sets", new TypeReference<ORMap<String, ORSet<String>>>() {}, orMapOfSets()),
        new Vector<>("ormap-of-maps", new TypeReference<ORMap<String, ORMap<String, MVRegister<String>>>>() {},
            orMapOfMaps()),
        new Vector<>("dot", new TypeReference<Dot>() {}, Dot.of(A, 7)),
        new Vector<>("vectorclock", new TypeReference<VectorClock>() {}, VectorClock.of(Map.of(A, 3L, B, 1L))),
        new Vector<>("causalcontext", new TypeReference<CausalContext>() {},
            CausalContext.of(VectorClock.of(Map.of(A, 3L)), List.of(Dot.of(B, 4), Dot.of(B, 6)))),
        new Vector<>("hlctimestamp", new TypeReference<HlcTimestamp>() {}, HlcTimestamp.of(T, 2, B)),
        new Vector<>("replicaid", new TypeReference<ReplicaId>() {}, C));
  }

  /**
   * Milk added concurrently on two replicas (so it holds two dots), eggs removed, and the second add of a third
   * replica arriving before its first (its dot sits in the context's cloud).
   */
  private static ORSet<String> orSet() {
    ORSet<String> base = ORSet.<String>empty().add(A, "milk").add(A, "eggs");
    ORSet<String> onA = base.remove("eggs").add(A, "bread");
    ORSet<String> onB = ORSet.<String>empty().add(B, "milk");
    ORSet<String> secondAddOfC = ORSet.<String>empty().add(C, "x").deltaAdd(C, "y");
    return onA.merge(onB).merge(secondAddOfC);
  }

  private static RWSet<String> rwSet() {
    RWSet<String> base = RWSet.<String>empty().add(A, "token").add(A, "grant");
    return base.remove(A, "token").merge(base.add(B, "token"));
  }

  private static EWFlag ewFlag() {
    EWFlag on = EWFlag.empty().enable(A);
    return on.disable().merge(on.enable(B));
  }

  private static DWFlag dwFlag() {
    DWFlag on = DWFlag.empty().enable(A);
    return on.disable(A).merge(on.enable(B));
  }

  private static MVRegister<String> mvRegister() {
    MVRegister<String> base = MVRegister.<String>empty().write(A, "draft");
    return base.write(A, "red").merge(base.write(B, "blue"));
  }

  /** Two puts under one timestamp (ordered by key), a tombstone, and a later put by another replica. */
  private static LWWMap<String, String> lwwMap() {
    return LWWMap.<String, String>empty()
        .put(HlcTimestamp.of(T, 0, A), "theme", "dark")
        .put(HlcTimestamp.of(T, 0, A), "lang", "en")
        .put(HlcTimestamp.of(T, 0, A), "size", "12")
        .remove(HlcTimestamp.of(T + 250, 0, B), "lang")
        .put(HlcTimestamp.of(T + 1_000, 2, C), "font", "mono");
  }

  /** The README's cart: milk removed on one replica while eggs were added on another. */
  private static ORMap<String, PNCounter> cart() {
    ORMap<String, PNCounter> cart = ORMap.<String, PNCounter>empty(PNCounter.empty())
        .update(A, "milk", quantity -> quantity.deltaIncrement(A, 2));
    return cart.remove("milk").merge(cart.update(B, "eggs", quantity -> quantity.deltaIncrement(B, 6)))
        .update(B, "milk", quantity -> quantity.deltaIncrement(B, 1));
  }

  private static ORMap<String, ORSet<String>> orMapOfSets() {
    ORMap<String, ORSet<String>> tags = ORMap.<String, ORSet<String>>empty(ORSet.empty())
        .update(A, "x", set -> set.deltaAdd(A, "p"))
        .update(A, "x", set -> set.deltaAdd(A, "q"))
        .update(A, "y", set -> set.deltaAdd(A, "p"));
    return tags.update(B, "x", set -> set.deltaRemove("p")).merge(tags.remove("y"));
  }

  private static ORMap<String, ORMap<String, MVRegister<String>>> orMapOfMaps() {
    ORMap<String, ORMap<String, MVRegister<String>>> users =
        ORMap.<String, ORMap<String, MVRegister<String>>>empty(ORMap.empty(MVRegister.empty()))
            .update(A, "u1", user -> user.deltaUpdate(A, "name", name -> name.deltaWrite(A, "Ann")));
    return users.update(A, "u1", user -> user.deltaUpdate(A, "name", name -> name.deltaWrite(A, "Anne")))
        .merge(users.update(B, "u1", user -> user.deltaUpdate(B, "mail", mail -> mail.deltaWrite(B, "ann@x"))));
  }
}
