package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The local edits of a {@link Sequence} at an index, on its tree of runs: where an insert goes in the Fugue tree, and
 * which live elements a range delete marks.
 *
 * <p><b>Only live elements are ever named as parents.</b> Fugue (Weidner and Kleppmann 2023, §3) makes the new
 * element {@code N} the right child of its left neighbour {@code a} if {@code a} has no right child, else the left
 * child of the element right after {@code a}, which may be a tombstone. Here, when that element is a tombstone,
 * {@code N} is placed by the live elements instead: if {@code a}'s right subtree holds a live element, it holds the
 * next live one, {@code c}, whose left subtrees then lie between {@code a} and {@code c} and are dead, so
 * {@code N} becomes {@code c}'s left child; otherwise all of {@code a}'s right subtrees are dead, and {@code N}
 * becomes one more right child of {@code a}. Either way {@code N} lands at its index, every replica puts it at the
 * same place (the tree says where), and no tombstone ever gains a child after it was deleted where the insert was
 * made. That is what makes collection safe (see {@link Sequence#collect}): a tombstone whose delete is stable has
 * all its children on every replica already, and will get no more.
 *
 * <p>Cost: {@code O(log r)} expected for {@code r} runs when the new element goes right after {@code a} or right
 * before {@code c}, or right after one dead run that is {@code a}'s only right subtree (what deleting and retyping
 * produces); anything else (siblings to order by id among tombstones) lays the document out again, in
 * {@code O(n log n)}, so that the runs stay in the tree's order.
 */
final class SequenceEdits {

  private SequenceEdits() {}

  /** An insert: the new tree, parents and pending elements (unchanged unless laid out again), the new runs. */
  record Insertion<E>(@Nullable PieceTree<E> tree, FugueParents parents, List<SequencePiece<E>> pending,
      List<SequencePiece<E>> run, int hint) {}

  enum Kind {
    /** The first element of an empty document. */
    FIRST,
    /** Right child of the last element of piece {@code piece}, which has no right child: right after it. */
    AFTER_ELEMENT,
    /** Right before element {@code (piece, offset)}: the left child of it, or a child placed among tombstones. */
    BEFORE_ELEMENT,
    /** Right after piece {@code piece}: a right child after its right subtree, which ends there. */
    AFTER_PIECE,
    /** Anywhere else: the document is laid out again. */
    LAYOUT
  }

  /** Where a new run goes: its place in the tree, and where it goes among the runs (see {@link Kind}). */
  record Place(Kind kind, @Nullable Dot parent, boolean leftChild, int piece, int offset) {}

  static <E> @Nullable Insertion<E> insertion(@Nullable PieceTree<E> tree, FugueParents parents,
      List<SequencePiece<E>> pending, CausalContext context, ReplicaId replica, int index,
      List<? extends E> elements) {
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(elements, "elements");
    Objects.checkIndex(index, PieceTree.live(tree) + 1);
    if (elements.isEmpty()) {
      return null;
    }
    Dot first = context.nextDot(replica);
    Place place = place(tree, parents, index, first);
    List<SequencePiece<E>> run = runOf(first, place.parent(), place.leftChild(), elements);
    if (place.kind() == Kind.LAYOUT) {
      return laidOut(tree, pending, run);
    }
    PieceTree<E> next = tree;
    FugueParents children = parents;
    SequencePiece<E> extendable = null;
    int at;
    switch (place.kind()) {
      case FIRST -> at = 0;
      case AFTER_ELEMENT -> {
        at = place.piece() + 1;
        extendable = PieceTree.pieceAt(Objects.requireNonNull(next), place.piece());
      }
      case AFTER_PIECE -> at = place.piece() + 1;
      default -> {
        SequencePiece<E> piece = PieceTree.pieceAt(Objects.requireNonNull(next), place.piece());
        int offset = place.offset();
        at = place.piece();
        if (offset > 0) {
          // The element is inside a run: the run is cut before it, and its tail becomes a run of its own whose first
          // element is the (no longer implied) right child of the element before it.
          next = PieceTree.setAt(next, at, piece.slice(0, offset));
          next = PieceTree.insertAt(next, at + 1, PieceTree.leaf(piece.slice(offset, piece.length())));
          children = children.with(piece.id(offset - 1), false);
          at++;
        }
      }
    }
    PieceTree<E> inserted = null;
    int hint = at;
    for (int i = 0; i < run.size(); i++) {
      SequencePiece<E> piece = run.get(i);
      if (i == 0 && extendable != null && extendable.canAppend(piece.first, piece.length())) {
        next = PieceTree.setAt(Objects.requireNonNull(next), at - 1, extendable.append(valuesOf(piece)));
        hint = at - 1;
        continue;
      }
      children = children.with(piece);
      inserted = PieceTree.join(inserted, PieceTree.leaf(piece));
    }
    return new Insertion<>(PieceTree.insertAt(next, at, inserted), children, pending, run, hint);
  }

  /** Where the run inserted at {@code index} goes, and as whose child; see the class comment. */
  private static Place place(@Nullable PieceTree<?> tree, FugueParents parents, int index, Dot newId) {
    if (tree == null) {
      return new Place(Kind.FIRST, null, false, 0, 0);
    }
    if (index == 0) {
      // The first element is the leftmost of the whole tree: it has no left child.
      SequencePiece<?> first = PieceTree.pieceAt(tree, 0);
      if (!first.isDeleted(0)) {
        return new Place(Kind.BEFORE_ELEMENT, first.first, true, 0, 0);
      }
      // Everything before the first live element is dead: its left subtrees are too.
      return SequenceGap.place(tree, null, 0, newId);
    }
    int[] a = PieceTree.locateLive(tree, index - 1);
    SequencePiece<?> aPiece = PieceTree.pieceAt(tree, a[0]);
    Dot left = aPiece.id(a[1]);
    boolean midRun = a[1] < aPiece.length() - 1;
    if (!midRun && !parents.hasRightChild(left)) {
      return new Place(Kind.AFTER_ELEMENT, left, false, a[0], a[1]);
    }
    // a has a right child: the element right after a is the leftmost of a's right subtree, so has no left child.
    int bPiece = midRun ? a[0] : a[0] + 1;
    int bOffset = midRun ? a[1] + 1 : 0;
    SequencePiece<?> b = PieceTree.pieceAt(tree, bPiece);
    if (!b.isDeleted(bOffset)) {
      return new Place(Kind.BEFORE_ELEMENT, b.id(bOffset), true, bPiece, bOffset);
    }
    // b is a tombstone, and is never named. A live element later in b's run is in b's subtree, so in a's right
    // subtree: it is the next live element c, and has no left child (it would have cut the run).
    for (int i = bOffset + 1; i < b.length(); i++) {
      if (!b.isDeleted(i)) {
        return new Place(Kind.BEFORE_ELEMENT, b.id(i), true, bPiece, i);
      }
    }
    // b's run is dead from b on. When b is a's only right child and nothing hangs off that dead rest, it is all of
    // a's right subtree, and the new element goes after it (what deleting and retyping at one place produces).
    boolean onlyRightChild = midRun ? !parents.hasRightChild(left)
        : bOffset == 0 && left.equals(b.parent) && !b.leftChild && parents.rightChildren(left) == 1;
    if (onlyRightChild && nothingHangsOff(b, bOffset, parents) && newId.compareTo(b.id(bOffset)) > 0) {
      return new Place(Kind.AFTER_PIECE, left, false, bPiece, 0);
    }
    return SequenceGap.place(tree, a, index, newId);
  }

  private static boolean nothingHangsOff(SequencePiece<?> piece, int from, FugueParents parents) {
    for (int i = from; i < piece.length(); i++) {
      Dot id = piece.id(i);
      if (parents.hasLeftChild(id) || parents.hasRightChild(id)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The slow path: the new run placed by the rule of the class comment, decided on the elements (is {@code a} an
   * ancestor of the next live element?), and the whole document laid out again.
   */
  private static <E> Insertion<E> laidOut(@Nullable PieceTree<E> tree, List<SequencePiece<E>> pending,
      List<SequencePiece<E>> run) {
    Map<Dot, SequenceElement> byId = new HashMap<>();
    List<SequenceElement> all = new ArrayList<>();
    PieceTree.forEach(tree, piece -> SequencePiece.unpack(piece, all::add));
    pending.forEach(piece -> SequencePiece.unpack(piece, all::add));
    all.forEach(e -> byId.put(e.id(), e));
    SequencePiece<E> head = run.get(0);
    Dot parent = head.parent;
    boolean leftChild = head.leftChild;
    if (parent != null && !leftChild) {
      // Named a (right child) provisionally; the next live element after a decides.
      Dot next = nextLiveAfter(tree, parent);
      if (next != null && SequenceJoin.isAncestor(parent, next, byId::get)) {
        parent = next;
        leftChild = true;
      }
    }
    List<SequencePiece<E>> placed = new ArrayList<>(run.size());
    for (int i = 0; i < run.size(); i++) {
      SequencePiece<E> piece = run.get(i);
      placed.add(i == 0 ? piece.withPlace(parent, leftChild) : piece);
    }
    placed.forEach(piece -> SequencePiece.unpack(piece, all::add));
    FugueLayout<E> layout = FugueLayout.of(all);
    return new Insertion<>(layout.tree, layout.parents, List.copyOf(layout.pending), placed, -1);
  }

  private static @Nullable Dot nextLiveAfter(@Nullable PieceTree<?> tree, Dot id) {
    int[] at = PieceTree.locateId(tree, id);
    if (at == null) {
      return null;
    }
    int index = PieceTree.liveBefore(tree, at[0], at[1]) + 1;
    if (index >= PieceTree.live(tree)) {
      return null;
    }
    int[] next = PieceTree.locateLive(tree, index);
    return PieceTree.pieceAt(Objects.requireNonNull(tree), next[0]).id(next[1]);
  }

  private static Object[] valuesOf(SequencePiece<?> piece) {
    Object[] values = new Object[piece.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = piece.value(i);
    }
    return values;
  }

  /** The new elements as runs of at most {@link SequencePiece#MAX_LENGTH}, each the right child of the last. */
  private static <E> List<SequencePiece<E>> runOf(Dot first, @Nullable Dot parent, boolean leftChild,
      List<? extends E> elements) {
    List<SequencePiece<E>> run = new ArrayList<>();
    Dot start = first;
    @Nullable Dot startParent = parent;
    boolean startLeft = leftChild;
    for (int from = 0; from < elements.size(); from += SequencePiece.MAX_LENGTH) {
      int to = Math.min(elements.size(), from + SequencePiece.MAX_LENGTH);
      Object[] values = new Object[to - from];
      for (int i = from; i < to; i++) {
        values[i - from] = Objects.requireNonNull(elements.get(i), "Sequence element");
      }
      SequencePiece<E> piece = new SequencePiece<>(start, startParent, startLeft, values, null);
      run.add(piece);
      startParent = piece.last();
      startLeft = false;
      start = Dot.of(first.replica(), first.counter() + to);
    }
    return run;
  }

  record Deletion<E>(PieceTree<E> tree, Dot dot, List<SequenceElement> deleted, int hint) {}

  static <E> @Nullable Deletion<E> deletion(@Nullable PieceTree<E> tree, CausalContext context, ReplicaId replica,
      int index, int count) {
    Objects.requireNonNull(replica, "replica");
    Objects.checkFromIndexSize(index, count, PieceTree.live(tree));
    if (count == 0) {
      return null;
    }
    Dot dot = context.nextDot(replica);
    PieceTree<E> next = Objects.requireNonNull(tree);
    List<SequenceElement> deleted = new ArrayList<>(count);
    int remaining = count;
    int hint = -1;
    while (remaining > 0) {
      // The deleted elements leave the live count, so the next one to delete is again at index.
      int[] location = PieceTree.locateLive(next, index);
      SequencePiece<E> piece = PieceTree.pieceAt(next, location[0]);
      hint = location[0];
      int end = location[1];
      while (end < piece.length() && remaining > 0) {
        if (!piece.isDeleted(end)) {
          deleted.add(new SequenceElement(piece.id(end), piece.parentOf(end), piece.isLeftChild(end), null, dot));
          remaining--;
        }
        end++;
      }
      next = PieceTree.setAt(next, location[0], piece.deleting(location[1], end, dot));
    }
    return new Deletion<>(next, dot, deleted, hint);
  }
}
