package io.crdtkit.laws.selftest;

import io.crdtkit.Crdt;
import io.crdtkit.Sequence;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.types.CoreTypes;
import io.crdtkit.laws.types.ListView;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jspecify.annotations.Nullable;

/**
 * Broken lists for the Sequence suite to catch, built on the real {@link Sequence} through its public API and edited
 * with the same operations as {@link CoreTypes#sequence()} (so the strong list specification reads them the same
 * way). Each comes with a correct twin or is a one-line change from correct, so what is caught is the bug.
 */
final class PlantedSequences {

  private PlantedSequences() {}

  private static final Arbitrary<CoreTypes.TextInsert> INSERTS = Combinators.combine(
      Arbitraries.integers().between(0, 999), Arbitraries.strings().withChars("xyz").ofMinLength(1).ofMaxLength(4))
      .as(CoreTypes.TextInsert::new);
  private static final Arbitrary<CoreTypes.RangeDelete> DELETES = Combinators.combine(
      Arbitraries.integers().between(0, 999), Arbitraries.integers().between(1, 3)).as(CoreTypes.RangeDelete::new);

  /**
   * A list kept as a Sequence that is only ever inserted into, plus the set of the ids deleted: a correct list CRDT
   * (a Fugue tree with its tombstones kept aside, merged by union) unless {@code dropsTheirDeletes}, when merge keeps
   * only its own side's deletes: an element another replica deleted comes back, or rather never goes, at the
   * receiver.
   */
  record DeleteSetList(Sequence<Character> elements, Set<Dot> deleted, boolean dropsTheirDeletes)
      implements Crdt<DeleteSetList> {

    @Override
    public DeleteSetList merge(DeleteSetList other) {
      return new DeleteSetList(elements.merge(other.elements),
          dropsTheirDeletes ? deleted : deleted.union(other.deleted), dropsTheirDeletes);
    }

    List<Dot> liveIds() {
      List<Dot> ids = new ArrayList<>();
      for (int i = 0; i < elements.size(); i++) {
        if (!deleted.contains(elements.idAt(i))) {
          ids.add(elements.idAt(i));
        }
      }
      return ids;
    }

    /** Where an insert at live {@code index} goes among all elements: right after the live element before it. */
    private int underlying(int index) {
      if (index == 0) {
        return 0;
      }
      Dot leftNeighbour = liveIds().get(index - 1);
      int at = 0;
      while (!elements.idAt(at).equals(leftNeighbour)) {
        at++;
      }
      return at + 1;
    }

    DeleteSetList insert(ReplicaId replica, CoreTypes.TextInsert insert, boolean asDelta) {
      int at = underlying(insert.index(liveIds().size()));
      return asDelta
          ? new DeleteSetList(elements.deltaInsertAll(replica, at, insert.characters()), HashSet.empty(),
              dropsTheirDeletes)
          : new DeleteSetList(elements.insertAll(replica, at, insert.characters()), deleted, dropsTheirDeletes);
    }

    DeleteSetList delete(CoreTypes.RangeDelete delete, boolean asDelta) {
      List<Dot> live = liveIds();
      if (live.isEmpty()) {
        return asDelta ? new DeleteSetList(Sequence.empty(), HashSet.empty(), dropsTheirDeletes) : this;
      }
      int index = delete.index(live.size());
      Set<Dot> gone = HashSet.ofAll(live.subList(index, index + delete.length(live.size())));
      return asDelta ? new DeleteSetList(Sequence.empty(), gone, dropsTheirDeletes)
          : new DeleteSetList(elements, deleted.union(gone), dropsTheirDeletes);
    }

    static CrdtDescription<DeleteSetList> description(boolean dropsTheirDeletes) {
      return CrdtDescription.of(dropsTheirDeletes ? "ListDroppingTheirDeletes" : "ListWithADeleteSet",
              new DeleteSetList(Sequence.empty(), HashSet.empty(), dropsTheirDeletes))
          .operation("insert", INSERTS, (s, r, i) -> s.insert(r, i, false), (s, r, i) -> s.insert(r, i, true))
          .operation("delete", DELETES, (s, r, d) -> s.delete(d, false), (s, r, d) -> s.delete(d, true))
          .value(s -> VIEW.elements(s));
    }

    static final ListView<DeleteSetList> VIEW = new ListView<>() {
      @Override
      public List<Dot> ids(DeleteSetList state) {
        return state.liveIds();
      }

      @Override
      public List<?> elements(DeleteSetList state) {
        List<Character> live = new ArrayList<>();
        for (int i = 0; i < state.elements.size(); i++) {
          if (!state.deleted.contains(state.elements.idAt(i))) {
            live.add(state.elements.get(i));
          }
        }
        return live;
      }
    };
  }

  /**
   * A correct Sequence that reads back its concurrent siblings in its own order: once replica {@code b} has edited
   * it, wherever two elements of two other replicas stand side by side (concurrent inserts at one place, as a rule)
   * b shows the greater id first, where Fugue puts the lesser. States merge and compare as the Sequence does, so the
   * replicas hold equal states and only what they show differs.
   */
  static final class SiblingOrderByReader implements Crdt<SiblingOrderByReader> {

    private static final ReplicaId CONTRARY = ReplicaId.of("b");
    private final Sequence<Character> sequence;
    private final @Nullable ReplicaId reader;

    SiblingOrderByReader(Sequence<Character> sequence, @Nullable ReplicaId reader) {
      this.sequence = sequence;
      this.reader = reader;
    }

    @Override
    public SiblingOrderByReader merge(SiblingOrderByReader other) {
      return new SiblingOrderByReader(sequence.merge(other.sequence), reader);
    }

    /** The Sequence's order, with b's twist. */
    private List<Integer> order() {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < sequence.size(); i++) {
        order.add(i);
      }
      if (CONTRARY.equals(reader)) {
        for (int i = 0; i + 1 < order.size(); i++) {
          Dot left = sequence.idAt(i);
          Dot right = sequence.idAt(i + 1);
          if (!left.replica().equals(right.replica()) && !left.replica().equals(reader)
              && !right.replica().equals(reader)) {
            order.set(i, i + 1);
            order.set(i + 1, i);
            i++;
          }
        }
      }
      return order;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SiblingOrderByReader other && sequence.equals(other.sequence);
    }

    @Override
    public int hashCode() {
      return sequence.hashCode();
    }

    @Override
    public String toString() {
      return VIEW.elements(this) + " as " + reader + " reads it";
    }

    static CrdtDescription<SiblingOrderByReader> description() {
      CrdtDescription<Sequence<Character>> real = CoreTypes.sequence();
      return CrdtDescription.of("SiblingOrderByReader", new SiblingOrderByReader(Sequence.empty(), null))
          .operation("insert", INSERTS,
              (s, r, i) -> s.edit(r, VIEW, i, false), (s, r, i) -> s.edit(r, VIEW, i, true))
          .operation("delete", DELETES,
              (s, r, d) -> s.edit(r, VIEW, d, false), (s, r, d) -> s.edit(r, VIEW, d, true))
          .value(s -> VIEW.elements(s));
    }

    /** An edit at an index as this replica reads the list: the index mapped back to the Sequence's. */
    private SiblingOrderByReader edit(ReplicaId replica, ListView<SiblingOrderByReader> view, Object edit,
        boolean asDelta) {
      List<Integer> order = order();
      Sequence<Character> next;
      if (edit instanceof CoreTypes.TextInsert insert) {
        int index = insert.index(order.size());
        int at = index == 0 ? 0 : order.get(index - 1) + 1;
        next = asDelta ? sequence.deltaInsertAll(replica, at, insert.characters())
            : sequence.insertAll(replica, at, insert.characters());
      } else {
        CoreTypes.RangeDelete delete = (CoreTypes.RangeDelete) edit;
        if (order.isEmpty()) {
          return asDelta ? new SiblingOrderByReader(Sequence.empty(), replica) : this;
        }
        // Deletes one element at a time, each at its own place in the Sequence.
        int index = delete.index(order.size());
        List<Dot> gone = view.ids(this).subList(index, index + delete.length(order.size()));
        next = asDelta ? Sequence.empty() : sequence;
        Sequence<Character> state = sequence;
        for (Dot id : gone) {
          int at = positionOf(state, id);
          next = asDelta ? next.merge(state.deltaDelete(replica, at, 1)) : next.delete(replica, at, 1);
          state = state.delete(replica, at, 1);
        }
      }
      return new SiblingOrderByReader(next, replica);
    }

    private static int positionOf(Sequence<Character> state, Dot id) {
      for (int i = 0; i < state.size(); i++) {
        if (state.idAt(i).equals(id)) {
          return i;
        }
      }
      throw new IllegalStateException(id + " is not live");
    }

    static final ListView<SiblingOrderByReader> VIEW = new ListView<>() {
      @Override
      public List<Dot> ids(SiblingOrderByReader state) {
        return state.order().stream().map(state.sequence::idAt).toList();
      }

      @Override
      public List<?> elements(SiblingOrderByReader state) {
        return state.order().stream().map(state.sequence::get).toList();
      }
    };
  }
}
