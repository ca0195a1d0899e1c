package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fast path of {@link Sequence#merge} for a small state, typically a delta: each new element is put in place
 * where Fugue's order leaves no choice, and each tombstone marked, without laying the document out again.
 *
 * <p>A new right child of an element that has no right child goes right after it; a new left child of an element
 * that has no left child goes right before it (Weidner and Kleppmann 2023, §3: the in-order walk); a new right child
 * of an element that has some goes among their subtrees by id, found by a short walk ({@link SequenceGap}), which is
 * what an insert after deleted text produces. Any other case — left siblings to order, a parent this state does not
 * hold, elements held aside as pending, a walk that cannot tell — returns {@code null}, and the merge takes the full
 * layout ({@link FugueLayout}), which is always right.
 *
 * <p>Cost: finding an element by id looks at the runs next to the last one edited (local edits and merges keep
 * that hint), and otherwise walks the runs ({@code O(r)}; the tree is ordered by position, not id). The rest of an
 * incoming run follows the element placed before it in {@code O(log r)}.
 */
final class SequenceIntegration<E> {

  /** Above this many incoming elements, the full layout is no slower. */
  static final int MAX_ELEMENTS = 256;

  record Result<E>(@Nullable PieceTree<E> tree, FugueParents parents, int hint) {}

  private @Nullable PieceTree<E> tree;
  private FugueParents parents;
  private final CausalContext held;
  // Where the element placed last is: the next element of an incoming run is usually its right child. Before the
  // first placement, lastPiece is the caller's hint.
  private @Nullable Dot lastId;
  private int lastPiece;
  private int lastOffset;

  private SequenceIntegration(@Nullable PieceTree<E> tree, FugueParents parents, CausalContext held, int hint) {
    this.lastPiece = hint;
    this.tree = tree;
    this.parents = parents;
    this.held = held;
  }

  /**
   * {@code incoming} merged into the document, or {@code null} if the full layout is needed.
   *
   * @param held the context of the document: exactly the ids of the elements it holds, and delete dots
   * @param hint the position of the run edited last, or -1: incoming edits are usually near it
   */
  static <E> @Nullable Result<E> integrate(@Nullable PieceTree<E> tree, FugueParents parents, CausalContext held,
      int hint, List<SequenceElement> incoming) {
    SequenceIntegration<E> integration = new SequenceIntegration<>(tree, parents, held, hint);
    List<SequenceElement> todo = incoming;
    while (!todo.isEmpty()) {
      List<SequenceElement> waiting = new ArrayList<>();
      for (SequenceElement element : todo) {
        Boolean placed = integration.place(element);
        if (placed == null) {
          return null;
        }
        if (!placed) {
          waiting.add(element);
        }
      }
      if (waiting.size() == todo.size()) {
        return null;
      }
      todo = waiting;
    }
    return new Result<>(integration.tree, integration.parents, integration.lastPiece);
  }

  /** True when placed or marked; false when its parent has not been placed yet; null when it needs the layout. */
  private @Nullable Boolean place(SequenceElement element) {
    if (held.contains(element.id())) {
      return markDeleted(element);
    }
    Dot parent = element.parent();
    if (parent == null) {
      // A child of the root: only an empty document leaves no sibling to order it against.
      if (tree != null) {
        return null;
      }
      tree = PieceTree.leaf(FugueLayout.single(element));
      remember(element.id(), 0, 0);
      return true;
    }
    int[] at = locate(parent);
    if (at == null) {
      return false;
    }
    SequencePiece<E> piece = PieceTree.pieceAt(tree, at[0]);
    int offset = at[1];
    if (!element.leftChild()) {
      if (offset < piece.length() - 1 || parents.hasRightChild(parent)) {
        return besideRightSiblings(element, at, parent);
      }
      if (piece.canAppend(element.id(), 1)) {
        tree = PieceTree.setAt(tree, at[0], piece.append(element.value(), element.deletedBy()));
        remember(element.id(), at[0], offset + 1);
      } else {
        tree = PieceTree.insertAt(tree, at[0] + 1, PieceTree.leaf(FugueLayout.single(element)));
        parents = parents.with(parent, false);
        remember(element.id(), at[0] + 1, 0);
      }
      return true;
    }
    if (parents.hasLeftChild(parent)) {
      return null;
    }
    int before = at[0];
    if (offset > 0) {
      // SUBTLE: the parent is inside a run; the run is cut before it, and its tail becomes a run of its own whose
      // first element is the (no longer implied) right child of the element before it.
      tree = PieceTree.setAt(tree, at[0], piece.slice(0, offset));
      tree = PieceTree.insertAt(tree, at[0] + 1, PieceTree.leaf(piece.slice(offset, piece.length())));
      parents = parents.with(piece.id(offset - 1), false);
      before = at[0] + 1;
    }
    tree = PieceTree.insertAt(tree, before, PieceTree.leaf(FugueLayout.single(element)));
    parents = parents.with(parent, true);
    remember(element.id(), before, 0);
    return true;
  }

  /** A new right child of an element that has some: among its right subtrees, by id (see {@link SequenceGap}). */
  private @Nullable Boolean besideRightSiblings(SequenceElement element, int[] parentAt, Dot parent) {
    int[] before = SequenceGap.amongRightSiblings(tree, parentAt, parent, element.id());
    if (before == null) {
      return null;
    }
    int position = before[0];
    if (before[1] > 0) {
      SequencePiece<E> cut = PieceTree.pieceAt(tree, position);
      tree = PieceTree.setAt(tree, position, cut.slice(0, before[1]));
      tree = PieceTree.insertAt(tree, position + 1, PieceTree.leaf(cut.slice(before[1], cut.length())));
      parents = parents.with(cut.id(before[1] - 1), false);
      position++;
    }
    tree = PieceTree.insertAt(tree, position, PieceTree.leaf(FugueLayout.single(element)));
    parents = parents.with(parent, false);
    remember(element.id(), position, 0);
    return true;
  }

  private Boolean markDeleted(SequenceElement element) {
    Dot delete = element.deletedBy();
    if (delete == null) {
      return true;
    }
    int[] at = locate(element.id());
    if (at == null) {
      return null;
    }
    SequencePiece<E> piece = PieceTree.pieceAt(tree, at[0]);
    Dot mine = piece.deletedBy(at[1]);
    if (mine == null || delete.compareTo(mine) < 0) {
      tree = PieceTree.setAt(tree, at[0], piece.withDeletedBy(at[1], delete));
    }
    return true;
  }

  private int @Nullable [] locate(Dot id) {
    if (id.equals(lastId)) {
      return new int[] {lastPiece, lastOffset};
    }
    // Edits cluster: look at the runs around the last one touched before walking them all.
    if (tree != null && lastPiece >= 0) {
      for (int p = Math.max(0, lastPiece - 2); p <= Math.min(PieceTree.pieces(tree) - 1, lastPiece + 2); p++) {
        int offset = PieceTree.pieceAt(tree, p).offsetOf(id);
        if (offset >= 0) {
          return new int[] {p, offset};
        }
      }
    }
    int[] at = PieceTree.locateId(tree, id);
    if (at != null) {
      remember(id, at[0], at[1]);
    }
    return at;
  }

  private void remember(Dot id, int piece, int offset) {
    lastId = id;
    lastPiece = piece;
    lastOffset = offset;
  }
}
