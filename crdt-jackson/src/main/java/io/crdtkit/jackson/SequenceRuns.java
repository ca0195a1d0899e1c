package io.crdtkit.jackson;

import io.crdtkit.Sequence;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The runs of a {@link Sequence} as the codec writes them (FORMAT.md, "Sequence"): in id order, and joined into one
 * wherever a run continues the one before it (the next ids, the first a right child of the last): so a burst of
 * typing is one run however the core cut it, and equal states give the same runs whatever runs the core stored.
 * Id order is canonical without any layout, and it puts what one replica typed in the order it typed it: ids and
 * parents are then small steps. The core lays the document out again from its elements in any case.
 */
final class SequenceRuns {

  /** The longest run the core takes ({@code SequencePiece.MAX_LENGTH}); the decoder cuts longer ones. */
  static final int CORE_RUN_LENGTH = 64;

  /** How a run's first element is placed: right or left child, of the root, of an own id, or of another's. */
  static final int RIGHT_OF_OWN = 0;
  static final int LEFT_OF_OWN = 1;
  static final int UNDER_ROOT = 2;
  static final int RIGHT_OF_OTHER = 3;
  static final int LEFT_OF_OTHER = 4;
  static final int PLACEMENTS = 5;

  /** One run on the wire: like the core's, but of any length. */
  record WireRun(Dot first, @Nullable Dot parent, boolean leftChild, List<@Nullable Object> values,
      List<@Nullable Dot> deletedBy) {

    int length() {
      return values.size();
    }

    Dot last() {
      return Dot.of(first.replica(), first.counter() + length() - 1);
    }

    /** How the first element is placed (see the constants). */
    int placement() {
      if (parent == null) {
        return UNDER_ROOT;
      }
      boolean own = parent.replica().equals(first.replica()) && parent.counter() < first.counter();
      return own ? (leftChild ? LEFT_OF_OWN : RIGHT_OF_OWN) : (leftChild ? LEFT_OF_OTHER : RIGHT_OF_OTHER);
    }
  }

  private SequenceRuns() {}

  /** The canonical wire runs of {@code parts}: by id, each continuation joined to the run it continues. */
  static List<WireRun> canonical(Sequence.Parts<?> parts) {
    List<Sequence.Run<?>> runs = new ArrayList<>(parts.runs());
    runs.sort(Comparator.comparing(Sequence.Run::first));
    List<WireRun> wire = new ArrayList<>(runs.size());
    WireRun current = null;
    for (Sequence.Run<?> run : runs) {
      if (current != null && continues(current, run)) {
        current.values().addAll(run.values());
        current.deletedBy().addAll(deletes(run));
      } else {
        if (current != null) {
          wire.add(current);
        }
        current = new WireRun(run.first(), run.parent(), run.leftChild(), new ArrayList<>(run.values()),
            deletes(run));
      }
    }
    if (current != null) {
      wire.add(current);
    }
    return wire;
  }

  private static boolean continues(WireRun current, Sequence.Run<?> run) {
    Dot last = current.last();
    return !run.leftChild() && last.equals(run.parent()) && run.first().replica().equals(last.replica())
        && run.first().counter() == last.counter() + 1;
  }

  private static List<@Nullable Dot> deletes(Sequence.Run<?> run) {
    if (!run.deletedBy().isEmpty()) {
      return new ArrayList<>(run.deletedBy());
    }
    List<@Nullable Dot> none = new ArrayList<>(run.values().size());
    for (int i = 0; i < run.values().size(); i++) {
      none.add(null);
    }
    return none;
  }

  /** The cursor after {@code counter}: one past it, or the largest counter itself (no id comes after it). */
  static long after(long counter) {
    return counter == Long.MAX_VALUE ? counter : counter + 1;
  }

  /** The core's runs for one wire run: cut into pieces of at most {@link #CORE_RUN_LENGTH}. */
  static <E> void cut(Dot first, @Nullable Dot parent, boolean leftChild, List<@Nullable E> values,
      List<@Nullable Dot> deletedBy, List<Sequence.Run<E>> into) {
    boolean anyDeleted = deletedBy.stream().anyMatch(Objects::nonNull);
    for (int from = 0; from < values.size(); from += CORE_RUN_LENGTH) {
      int to = Math.min(values.size(), from + CORE_RUN_LENGTH);
      Dot pieceFirst = Dot.of(first.replica(), first.counter() + from);
      Dot pieceParent = from == 0 ? parent : Dot.of(first.replica(), first.counter() + from - 1);
      into.add(new Sequence.Run<>(pieceFirst, pieceParent, from == 0 && leftChild, values.subList(from, to),
          anyDeleted ? deletedBy.subList(from, to) : List.of()));
    }
  }

  /**
   * The first id of a run whose parents lead back to it, or {@code null}: the core's factory takes such a state
   * (its elements wait for a parent for good, invisible), so the reader refuses it. A cycle of elements is a cycle
   * of runs (a run's first element to the run holding its parent), found by walking each once.
   */
  static @Nullable Dot cycle(List<Dot> firsts, int[] lengths, List<@Nullable Dot> parents) {
    Map<ReplicaId, TreeMap<Long, Integer>> byFirst = new HashMap<>();
    for (int i = 0; i < firsts.size(); i++) {
      byFirst.computeIfAbsent(firsts.get(i).replica(), r -> new TreeMap<>()).put(firsts.get(i).counter(), i);
    }
    byte[] state = new byte[firsts.size()];             // 0 not seen, 1 on the walk now, 2 done
    List<Integer> walk = new ArrayList<>();
    for (int start = 0; start < firsts.size(); start++) {
      walk.clear();
      int run = start;
      while (run >= 0 && state[run] == 0) {
        state[run] = 1;
        walk.add(run);
        Dot parent = parents.get(run);
        TreeMap<Long, Integer> runs = parent == null ? null : byFirst.get(parent.replica());
        Map.Entry<Long, Integer> holder = runs == null ? null : runs.floorEntry(parent.counter());
        run = holder == null || parent.counter() - holder.getKey() >= lengths[holder.getValue()] ? -1
            : holder.getValue();
      }
      if (run >= 0 && state[run] == 1) {
        return firsts.get(run);
      }
      walk.forEach(done -> state[done] = 2);
    }
    return null;
  }
}
