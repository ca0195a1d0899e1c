package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The structural invariants of a {@link Sequence}, checked after collection by tests and law suites: a collector that
 * removed the wrong element would leave a child whose parent is gone ("unreachable", the bug Yorkie once shipped), or
 * runs out of the tree's order, and the document would read wrong only later, somewhere else.
 */
final class SequenceInvariants {

  private SequenceInvariants() {}

  static <E> void check(@Nullable PieceTree<E> tree, List<SequencePiece<E>> pending, FugueParents parents,
      CausalContext context) {
    checkCounts(tree);
    List<SequenceElement> all = new ArrayList<>();
    Set<Dot> held = new HashSet<>();
    Map<Dot, Integer> right = new HashMap<>();
    Map<Dot, Integer> left = new HashMap<>();
    PieceTree.forEach(tree, piece -> {
      checkPiece(piece, context);
      if (piece.parent != null) {
        (piece.leftChild ? left : right).merge(piece.parent, 1, Integer::sum);
      }
      SequencePiece.unpack(piece, e -> {
        if (!held.add(e.id())) {
          fail("element " + e.id() + " is held twice");
        }
        all.add(e);
      });
    });
    if (!right.equals(parents.right().toJavaMap()) || !left.equals(parents.left().toJavaMap())) {
      fail("the recorded children " + parents + " are not those of the runs: right " + right + ", left " + left);
    }
    for (SequencePiece<E> piece : pending) {
      checkPiece(piece, context);
      SequencePiece.unpack(piece, e -> {
        if (!held.add(e.id())) {
          fail("element " + e.id() + " is held twice");
        }
        all.add(e);
      });
    }
    for (SequencePiece<E> piece : pending) {
      // A delta may hold a child without its parent; a state that has seen the parent holds it, unless collected.
      Dot parent = piece.parent;
      if (parent != null && !held.contains(parent) && context.contains(parent)) {
        fail("element " + piece.first + " waits for its parent " + parent + ", which was seen and collected");
      }
    }
    // The runs must be in exactly the order the tree gives, and the pending ones exactly those it cannot place.
    FugueLayout<E> layout = FugueLayout.of(all);
    List<Dot> expected = new ArrayList<>();
    PieceTree.forEach(layout.tree, piece -> SequencePiece.unpack(piece, e -> expected.add(e.id())));
    List<Dot> actual = new ArrayList<>();
    PieceTree.forEach(tree, piece -> SequencePiece.unpack(piece, e -> actual.add(e.id())));
    if (!expected.equals(actual)) {
      int at = 0;
      while (at < Math.min(expected.size(), actual.size()) && expected.get(at).equals(actual.get(at))) {
        at++;
      }
      fail("the runs are out of the tree's order from element " + at + ": " + describe(actual, at) + " where the "
          + "tree gives " + describe(expected, at));
    }
    if (layout.pending.size() != pending.size()) {
      fail(pending.size() + " runs wait for a parent, where the tree leaves " + layout.pending.size() + " unplaced");
    }
  }

  private static String describe(List<Dot> ids, int at) {
    return at < ids.size() ? ids.get(at).toString() : "the end";
  }

  private static void checkPiece(SequencePiece<?> piece, CausalContext context) {
    if (piece.length() < 1 || piece.length() > SequencePiece.MAX_LENGTH) {
      fail("run " + piece.first + " holds " + piece.length() + " elements");
    }
    int live = 0;
    for (int i = 0; i < piece.length(); i++) {
      Dot id = piece.id(i);
      Dot delete = piece.deletedBy(i);
      if (!context.contains(id)) {
        fail("element " + id + " is held but not in the context");
      }
      if (delete == null) {
        live++;
        if (piece.value(i) == null) {
          fail("live element " + id + " has no value");
        }
      } else {
        if (piece.value(i) != null) {
          fail("deleted element " + id + " keeps its value");
        }
        if (!context.contains(delete)) {
          fail("element " + id + " is deleted by " + delete + ", which is not in the context");
        }
      }
    }
    if (live != piece.live) {
      fail("run " + piece.first + " counts " + piece.live + " live elements, but holds " + live);
    }
  }

  /** Every node's counts are those of its subtree; returns {pieces, elements, live}. */
  private static int[] checkCounts(@Nullable PieceTree<?> node) {
    if (node == null) {
      return new int[3];
    }
    int[] l = checkCounts(node.left);
    int[] r = checkCounts(node.right);
    int[] sum = {l[0] + r[0] + 1, l[1] + r[1] + node.piece.length(), l[2] + r[2] + node.piece.live};
    if (sum[0] != node.pieces || sum[1] != node.elements || sum[2] != node.live) {
      fail("a tree node counts " + node.pieces + "/" + node.elements + "/" + node.live + " pieces/elements/live "
          + "but its subtree holds " + sum[0] + "/" + sum[1] + "/" + sum[2]);
    }
    return sum;
  }

  private static void fail(String message) {
    throw new IllegalStateException("Sequence invariant broken: " + message);
  }
}
