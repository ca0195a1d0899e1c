package io.crdtkit;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.VectorClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which tombstones of a {@link Sequence} collection reclaims at a stable cut: every subtree of the Fugue tree made
 * only of elements whose delete is at or below the cut. Removing a whole subtree leaves the order of the rest as it
 * was (the document is the tree's in-order walk).
 *
 * <p><b>Why it is safe.</b> An element is only ever named as a parent while it is live where the insert is made
 * ({@link SequenceEdits}). So every child of a tombstone {@code x} was made by a replica that had not yet merged
 * {@code x}'s delete {@code d}: concurrently with {@code d}, or before it. Once {@code d} is at or below this
 * replica's stable cut, every such update has been merged here (crdt-gc's rule 2: a member's report counts only
 * once everything it originated up to the report is merged, and each member reported having merged {@code d}),
 * and every replica has merged {@code d}, so none will name {@code x} again. A tombstone without children here thus
 * has none anywhere, now or later; no delta can arrive that names it, and a stale state that still holds it (dead
 * or alive) is told by the context that it was seen and dropped.
 */
final class SequenceCollection {

  private SequenceCollection() {}

  /**
   * The elements that survive collection at {@code stableCut}, in the order given; {@code null} if none goes.
   *
   * @param elements every element the sequence holds, pending ones included (their parents are not collected)
   */
  static @Nullable List<SequenceElement> survivors(List<SequenceElement> elements, VectorClock stableCut) {
    Map<Dot, Integer> children = new HashMap<>();
    Map<Dot, SequenceElement> byId = new HashMap<>(elements.size() * 2);
    for (SequenceElement e : elements) {
      byId.put(e.id(), e);
      if (e.parent() != null) {
        children.merge(e.parent(), 1, Integer::sum);
      }
    }
    ArrayDeque<SequenceElement> ready = new ArrayDeque<>();
    for (SequenceElement e : elements) {
      if (isCollectable(e, stableCut) && !children.containsKey(e.id())) {
        ready.add(e);
      }
    }
    if (ready.isEmpty()) {
      return null;
    }
    // Leaves first: a collected element may leave its parent without children, and so collectable in turn.
    Set<Dot> gone = new HashSet<>();
    while (!ready.isEmpty()) {
      SequenceElement e = ready.poll();
      gone.add(e.id());
      Dot parent = e.parent();
      if (parent != null && children.merge(parent, -1, Integer::sum) == 0) {
        SequenceElement up = byId.get(parent);
        if (up != null && isCollectable(up, stableCut)) {
          ready.add(up);
        }
      }
    }
    List<SequenceElement> kept = new ArrayList<>(elements.size() - gone.size());
    for (SequenceElement e : elements) {
      if (!gone.contains(e.id())) {
        kept.add(e);
      }
    }
    return kept;
  }

  private static boolean isCollectable(SequenceElement e, VectorClock stableCut) {
    Dot delete = e.deletedBy();
    return delete != null && stableCut.contains(delete);
  }
}
