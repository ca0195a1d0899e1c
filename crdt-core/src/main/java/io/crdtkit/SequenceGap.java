package io.crdtkit;

import io.crdtkit.SequenceEdits.Kind;
import io.crdtkit.SequenceEdits.Place;
import io.crdtkit.clock.Dot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Places a local insert whose left neighbour {@code a} is followed by tombstones, naming only live elements (see
 * {@link SequenceEdits}): the new element {@code N} becomes the left child of the next live element {@code c} if
 * {@code a} is an ancestor of {@code c}, else one more right child of {@code a}. In both cases its siblings on that
 * side lie in the gap of tombstones between {@code a} and {@code c}, in id order (the runs are in the tree's order),
 * and {@code N} goes right before the subtree of the first sibling with a greater id, or after them all.
 *
 * <p>Cost: {@code O(g)} for {@code g} tombstones in the gap (with a walk up the tree from {@code c}, each step
 * {@code O(r)}, to tell whether {@code a} is its ancestor), instead of laying the whole document out again.
 */
final class SequenceGap {

  private SequenceGap() {}

  /** An element of the gap, with its place in the tree and where it is among the runs. */
  private record Tombstone(Dot id, @Nullable Dot parent, boolean leftChild, int piece, int offset) {}

  /**
   * Where the run inserted at {@code index} goes.
   *
   * @param a where the live element at {@code index - 1} is, or {@code null} at index 0
   */
  static Place place(PieceTree<?> tree, int @Nullable [] a, int index, Dot newId) {
    int[] c = index < PieceTree.live(tree) ? PieceTree.locateLive(tree, index) : null;
    Dot aId = a == null ? null : PieceTree.pieceAt(tree, a[0]).id(a[1]);
    Dot cId = c == null ? null : PieceTree.pieceAt(tree, c[0]).id(c[1]);
    if (aId == null && cId == null) {
      return new Place(Kind.LAYOUT, null, false, 0, 0);
    }
    boolean leftOfC = aId == null || (cId != null && isAncestor(tree, aId, a, c));
    Dot parent = leftOfC ? cId : aId;
    if (leftOfC && c[1] > 0) {
      // Inside a run: c has no left child, the new element goes right before it.
      return new Place(Kind.BEFORE_ELEMENT, parent, true, c[0], c[1]);
    }
    List<Tombstone> gap = gapBetween(tree, a, c);
    Map<Dot, Tombstone> byId = new HashMap<>(gap.size() * 2);
    gap.forEach(t -> byId.put(t.id(), t));
    Map<Dot, Dot> tops = new HashMap<>();
    Tombstone lastInSubtree = null;
    for (Tombstone t : gap) {
      Dot top = topBelow(t, parent, leftOfC, byId, tops);
      if (top == null) {
        continue;
      }
      if (top.compareTo(newId) > 0) {
        return new Place(Kind.BEFORE_ELEMENT, parent, leftOfC, t.piece(), t.offset());
      }
      lastInSubtree = t;
    }
    if (leftOfC) {
      return new Place(Kind.BEFORE_ELEMENT, parent, true, c[0], c[1]);
    }
    // After a's whole right subtree: right before what follows its last element.
    Tombstone last = lastInSubtree == null ? null : lastInSubtree;
    int piece = last == null ? a[0] : last.piece();
    int offset = last == null ? a[1] : last.offset();
    SequencePiece<?> holder = PieceTree.pieceAt(tree, piece);
    if (offset < holder.length() - 1) {
      return new Place(Kind.BEFORE_ELEMENT, parent, false, piece, offset + 1);
    }
    return new Place(Kind.AFTER_PIECE, parent, false, piece, 0);
  }

  /** How far {@link #amongRightSiblings} walks before it gives up. */
  private static final int WALK_LIMIT = 1_024;

  /**
   * Where a new right child of the element at {@code parentAt} goes when that element has right children already:
   * right before the subtree of the first of them with a greater id, or right after its whole right subtree (the
   * subtrees follow the element in id order). {@code null} when a short walk cannot tell (an element whose parent
   * comes after it, or a walk longer than {@value #WALK_LIMIT}): the merge then lays the document out again.
   *
   * @return {@code {piece, offset}} of the element to go before; {@code {pieces, 0}} for the end of the document
   */
  static int @Nullable [] amongRightSiblings(PieceTree<?> tree, int[] parentAt, Dot parentId, Dot newId) {
    Map<Dot, Dot> tops = new HashMap<>();
    int piece = parentAt[0];
    int offset = parentAt[1] + 1;
    int pieces = PieceTree.pieces(tree);
    for (int walked = 0; walked < WALK_LIMIT; walked++) {
      if (offset == PieceTree.pieceAt(tree, piece).length()) {
        piece++;
        offset = 0;
        if (piece == pieces) {
          return new int[] {pieces, 0};
        }
      }
      SequencePiece<?> holder = PieceTree.pieceAt(tree, piece);
      Dot id = holder.id(offset);
      Dot up = holder.parentOf(offset);
      Dot top;
      if (parentId.equals(up)) {
        top = id;
      } else if (up != null && tops.containsKey(up)) {
        top = tops.get(up);
      } else {
        // The parent was not walked over: it comes before the element whose right subtree is walked (then this
        // element is past that subtree), or after this one (a left child: not told without more walking).
        int[] upAt = up == null ? null : PieceTree.locateId(tree, up);
        boolean before = up == null
            || (upAt != null && (upAt[0] < parentAt[0] || (upAt[0] == parentAt[0] && upAt[1] < parentAt[1])));
        return before ? new int[] {piece, offset} : null;
      }
      if (top.compareTo(newId) > 0) {
        return new int[] {piece, offset};
      }
      tops.put(id, top);
      offset++;
    }
    return null;
  }

  /** The tombstones strictly between {@code a} (or the start) and {@code c} (or the end), in order. */
  private static List<Tombstone> gapBetween(PieceTree<?> tree, int @Nullable [] a, int @Nullable [] c) {
    List<Tombstone> gap = new ArrayList<>();
    int piece = a == null ? 0 : a[0];
    int offset = a == null ? 0 : a[1] + 1;
    int pieces = PieceTree.pieces(tree);
    while (piece < pieces) {
      SequencePiece<?> holder = PieceTree.pieceAt(tree, piece);
      for (; offset < holder.length(); offset++) {
        if (c != null && piece == c[0] && offset == c[1]) {
          return gap;
        }
        gap.add(new Tombstone(holder.id(offset), holder.parentOf(offset), holder.isLeftChild(offset), piece,
            offset));
      }
      piece++;
      offset = 0;
    }
    return gap;
  }

  /**
   * The child of {@code parent}, on that side, whose subtree holds {@code t}, or {@code null} if none: walked up
   * within the gap, as every ancestor of a tombstone of the gap below {@code parent} is in the gap too.
   */
  private static @Nullable Dot topBelow(Tombstone t, Dot parent, boolean leftSide, Map<Dot, Tombstone> gap,
      Map<Dot, Dot> tops) {
    List<Dot> path = new ArrayList<>();
    Tombstone at = t;
    Dot top = null;
    while (true) {
      if (tops.containsKey(at.id())) {
        top = tops.get(at.id());
        break;
      }
      path.add(at.id());
      if (parent.equals(at.parent()) && at.leftChild() == leftSide) {
        top = at.id();
        break;
      }
      Tombstone up = at.parent() == null ? null : gap.get(at.parent());
      if (up == null) {
        break;
      }
      at = up;
    }
    for (Dot id : path) {
      tops.put(id, top);
    }
    return top;
  }

  /** Whether {@code ancestor} (at {@code ancestorAt}) is an ancestor of the element at {@code of}. */
  private static boolean isAncestor(PieceTree<?> tree, Dot ancestor, int[] ancestorAt, int[] of) {
    int[] at = of;
    while (true) {
      if (at[0] == ancestorAt[0] && ancestorAt[1] < at[1]) {
        return true; // earlier in the same run: the run is a chain of right children
      }
      Dot parent = PieceTree.pieceAt(tree, at[0]).parent;
      if (parent == null) {
        return false;
      }
      if (parent.equals(ancestor)) {
        return true;
      }
      int[] up = PieceTree.locateId(tree, parent);
      // Below the ancestor, every ancestor of an element after it is after it too (it is in its right subtree).
      if (up == null || up[0] < ancestorAt[0] || (up[0] == ancestorAt[0] && up[1] < ancestorAt[1])) {
        return false;
      }
      at = up;
    }
  }
}
