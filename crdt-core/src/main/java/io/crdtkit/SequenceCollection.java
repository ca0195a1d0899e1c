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
 * only of elements whose delete is at or below the cut, and every such tombstone whose only child is the next
 * element of its run, spliced out. Either leaves the order of the rest as it was (the document is the tree's
 * in-order walk). A stable tombstone with a left child, or with more than one child, stays: its id is what orders
 * its children among their siblings.
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
    Map<Dot, SequenceElement> moved = spliceOut(elements, stableCut, children, byId, gone);
    if (gone.isEmpty()) {
      return null;
    }
    List<SequenceElement> kept = new ArrayList<>(elements.size() - gone.size());
    for (SequenceElement e : elements) {
      if (!gone.contains(e.id())) {
        kept.add(moved.getOrDefault(e.id(), e));
      }
    }
    return kept;
  }

  /**
   * Splices out every collectable tombstone whose only child is the next element of its run (same replica, next
   * counter, its right child): that child takes the tombstone's place under the tombstone's parent, on its side.
   * The order does not change: the tombstone had no left subtree, and no dot lies between the two ids, so the child
   * sorts among its new siblings exactly where the tombstone did. This is what a delete inside a typed run leaves.
   * Adds the spliced tombstones to {@code gone}; returns the children that moved, by id.
   */
  private static Map<Dot, SequenceElement> spliceOut(List<SequenceElement> elements, VectorClock stableCut,
      Map<Dot, Integer> children, Map<Dot, SequenceElement> byId, Set<Dot> gone) {
    List<SequenceElement> candidates = new ArrayList<>();
    for (SequenceElement e : elements) {
      if (isCollectable(e, stableCut) && !gone.contains(e.id()) && children.getOrDefault(e.id(), 0) == 1) {
        candidates.add(e);
      }
    }
    // In id order, so that along a run of tombstones each splice sees its predecessor's already done.
    candidates.sort((x, y) -> x.id().compareTo(y.id()));
    Map<Dot, SequenceElement> moved = new HashMap<>();
    for (SequenceElement candidate : candidates) {
      SequenceElement x = moved.getOrDefault(candidate.id(), candidate);
      Dot next = Dot.of(x.id().replica(), x.id().counter() + 1);
      SequenceElement child = moved.getOrDefault(next, byId.get(next));
      if (child == null || gone.contains(next) || child.leftChild() || !x.id().equals(child.parent())) {
        continue;
      }
      moved.put(next, new SequenceElement(next, x.parent(), x.leftChild(), child.value(), child.deletedBy()));
      moved.remove(x.id());
      gone.add(x.id());
    }
    return moved;
  }

  private static boolean isCollectable(SequenceElement e, VectorClock stableCut) {
    Dot delete = e.deletedBy();
    return delete != null && stableCut.contains(delete);
  }
}
