package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The local edits of a {@link Sequence} at an index, on its tree of runs: where Fugue puts an insert (Weidner and
 * Kleppmann 2023, §3: right child of the left neighbour if it has none, else left child of the element after it),
 * and which live elements a range delete marks. Each costs {@code O(log r)} expected per run touched, and places
 * elements exactly where {@link FugueLayout} would, so that a merged delta and the full mutator agree.
 */
final class SequenceEdits {

  private SequenceEdits() {}

  record Insertion<E>(@Nullable PieceTree<E> tree, FugueParents parents, List<SequencePiece<E>> run, int hint) {}

  static <E> @Nullable Insertion<E> insertion(@Nullable PieceTree<E> tree, FugueParents parents,
      CausalContext context, ReplicaId replica, int index, List<? extends E> elements) {
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(elements, "elements");
    Objects.checkIndex(index, PieceTree.live(tree) + 1);
    if (elements.isEmpty()) {
      return null;
    }
    PieceTree<E> next = tree;
    FugueParents children = parents;
    int at;
    @Nullable Dot parent;
    boolean leftChild;
    SequencePiece<E> extendable = null;
    if (index == 0) {
      // The root's children are all right children: the first element of a non-empty document has no left child.
      at = 0;
      parent = next == null ? null : PieceTree.pieceAt(next, 0).first;
      leftChild = next != null;
    } else {
      int[] location = PieceTree.locateLive(next, index - 1);
      SequencePiece<E> piece = PieceTree.pieceAt(Objects.requireNonNull(next), location[0]);
      int offset = location[1];
      Dot leftNeighbour = piece.id(offset);
      at = location[0] + 1;
      if (offset < piece.length() - 1) {
        // The left neighbour's right child is the next element of its run: the new run goes left of that one,
        // which cuts the run in two.
        parent = piece.id(offset + 1);
        leftChild = true;
        next = PieceTree.setAt(next, location[0], piece.slice(0, offset + 1));
        next = PieceTree.insertAt(next, at, PieceTree.leaf(piece.slice(offset + 1, piece.length())));
        children = children.with(leftNeighbour, false);
      } else if (children.hasRightChild(leftNeighbour)) {
        // SUBTLE: the element after it (maybe a tombstone) is the leftmost of its right subtree, so has no left child.
        parent = PieceTree.pieceAt(next, at).first;
        leftChild = true;
      } else {
        parent = leftNeighbour;
        leftChild = false;
        extendable = piece;
      }
    }
    List<SequencePiece<E>> run = runOf(context.nextDot(replica), parent, leftChild, elements);
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
    return new Insertion<>(PieceTree.insertAt(next, at, inserted), children, run, hint);
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
          deleted.add(new SequenceElement(piece.id(end), piece.parentOf(end), piece.isLeftChild(end),
              piece.value(end), dot));
          remaining--;
        }
        end++;
      }
      next = PieceTree.setAt(next, location[0], piece.deleting(location[1], end, dot));
    }
    return new Deletion<>(next, dot, deleted, hint);
  }

}
