package io.crdtkit;

import io.crdtkit.clock.Dot;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A persistent order-statistic tree of {@link SequencePiece}s in document order: a treap whose every node knows
 * how many pieces, elements and live elements its subtree holds. Finding the piece of the {@code i}-th live
 * element, and splitting or joining at a piece position, take expected {@code O(log n)} for {@code n} pieces;
 * an update copies only the nodes on its path, so versions share the rest.
 *
 * <p>Priorities come from the first dot of each piece, not a random source, so that building the same pieces
 * gives the same tree on every replica (the shape never leaks into equality, but it keeps runs reproducible).
 * The empty tree is {@code null}; the static methods take and return nullable trees.
 */
final class PieceTree<E> {

  final SequencePiece<E> piece;
  final @Nullable PieceTree<E> left;
  final @Nullable PieceTree<E> right;
  private final int priority;
  final int pieces;
  final int elements;
  final int live;

  private PieceTree(SequencePiece<E> piece, @Nullable PieceTree<E> left, @Nullable PieceTree<E> right, int priority) {
    this.piece = piece;
    this.left = left;
    this.right = right;
    this.priority = priority;
    this.pieces = 1 + pieces(left) + pieces(right);
    this.elements = piece.length() + elements(left) + elements(right);
    this.live = piece.live + live(left) + live(right);
  }

  static int pieces(@Nullable PieceTree<?> tree) {
    return tree == null ? 0 : tree.pieces;
  }

  static int elements(@Nullable PieceTree<?> tree) {
    return tree == null ? 0 : tree.elements;
  }

  static int live(@Nullable PieceTree<?> tree) {
    return tree == null ? 0 : tree.live;
  }

  static <E> PieceTree<E> leaf(SequencePiece<E> piece) {
    long h = piece.first.replica().hashCode() * 0x9E3779B97F4A7C15L + piece.first.counter();
    h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
    h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return new PieceTree<>(piece, null, null, (int) (h ^ (h >>> 33)));
  }

  private PieceTree<E> with(@Nullable PieceTree<E> newLeft, @Nullable PieceTree<E> newRight) {
    return new PieceTree<>(piece, newLeft, newRight, priority);
  }

  private PieceTree<E> withPiece(SequencePiece<E> newPiece) {
    return new PieceTree<>(newPiece, left, right, priority);
  }

  /** All pieces of {@code a}, then all of {@code b}. */
  static <E> @Nullable PieceTree<E> join(@Nullable PieceTree<E> a, @Nullable PieceTree<E> b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.priority >= b.priority ? a.with(a.left, join(a.right, b)) : b.with(join(a, b.left), b.right);
  }

  /** The two halves of a split: the first pieces, and the rest. */
  record Split<E>(@Nullable PieceTree<E> first, @Nullable PieceTree<E> rest) {}

  /** The first {@code k} pieces and the rest. */
  static <E> Split<E> split(@Nullable PieceTree<E> tree, int k) {
    if (tree == null) {
      return new Split<>(null, null);
    }
    int leftPieces = pieces(tree.left);
    if (k <= leftPieces) {
      Split<E> parts = split(tree.left, k);
      return new Split<>(parts.first(), tree.with(parts.rest(), tree.right));
    }
    Split<E> parts = split(tree.right, k - leftPieces - 1);
    return new Split<>(tree.with(tree.left, parts.first()), parts.rest());
  }

  /** The piece at position {@code k}. */
  static <E> SequencePiece<E> pieceAt(PieceTree<E> tree, int k) {
    PieceTree<E> node = tree;
    while (true) {
      int leftPieces = pieces(node.left);
      if (k < leftPieces) {
        node = node.left;
      } else if (k == leftPieces) {
        return node.piece;
      } else {
        k -= leftPieces + 1;
        node = node.right;
      }
    }
  }

  /** The tree with the piece at position {@code k} replaced by one with the same number of elements. */
  static <E> PieceTree<E> setAt(PieceTree<E> tree, int k, SequencePiece<E> piece) {
    int leftPieces = pieces(tree.left);
    if (k < leftPieces) {
      return tree.with(setAt(tree.left, k, piece), tree.right);
    }
    if (k == leftPieces) {
      return tree.withPiece(piece);
    }
    return tree.with(tree.left, setAt(tree.right, k - leftPieces - 1, piece));
  }

  /**
   * Where the {@code n}-th live element (0-based) is: {@code {piece position, offset in the piece}}.
   *
   * @throws IndexOutOfBoundsException if there are not that many live elements
   */
  static int[] locateLive(@Nullable PieceTree<?> tree, int n) {
    if (n < 0 || n >= live(tree)) {
      throw new IndexOutOfBoundsException("index " + n + " out of bounds for length " + live(tree));
    }
    PieceTree<?> node = tree;
    int before = 0;
    while (true) {
      int leftLive = live(node.left);
      if (n < leftLive) {
        node = node.left;
      } else if (n < leftLive + node.piece.live) {
        return new int[] {before + pieces(node.left), node.piece.offsetOfLive(n - leftLive)};
      } else {
        n -= leftLive + node.piece.live;
        before += pieces(node.left) + 1;
        node = node.right;
      }
    }
  }

  /** How many live elements come before element {@code offset} of the piece at position {@code k}. */
  static int liveBefore(PieceTree<?> tree, int k, int offset) {
    PieceTree<?> node = tree;
    int before = 0;
    while (true) {
      int leftPieces = pieces(node.left);
      if (k < leftPieces) {
        node = node.left;
      } else if (k == leftPieces) {
        before += live(node.left);
        for (int i = 0; i < offset; i++) {
          if (!node.piece.isDeleted(i)) {
            before++;
          }
        }
        return before;
      } else {
        before += live(node.left) + node.piece.live;
        k -= leftPieces + 1;
        node = node.right;
      }
    }
  }

  /** {@code tree} with {@code inserted} placed before the piece at position {@code k}. */
  static <E> @Nullable PieceTree<E> insertAt(@Nullable PieceTree<E> tree, int k, @Nullable PieceTree<E> inserted) {
    Split<E> parts = split(tree, k);
    return join(join(parts.first(), inserted), parts.rest());
  }

  /** Every piece, in document order; iterative, as the tree may be deep on a bad hash. */
  static <E> void forEach(@Nullable PieceTree<E> tree, Consumer<SequencePiece<E>> action) {
    ArrayDeque<PieceTree<E>> stack = new ArrayDeque<>();
    PieceTree<E> node = tree;
    while (node != null || !stack.isEmpty()) {
      while (node != null) {
        stack.push(node);
        node = node.left;
      }
      node = stack.pop();
      action.accept(node.piece);
      node = node.right;
    }
  }

  /**
   * Where the element {@code id} is, {@code {piece position, offset}}, or {@code null} if it is not in the tree.
   * A walk of the pieces in order: {@code O(r)} for {@code r} pieces (the tree is ordered by position, not by id).
   */
  static int @Nullable [] locateId(@Nullable PieceTree<?> tree, Dot id) {
    ArrayDeque<PieceTree<?>> stack = new ArrayDeque<>();
    PieceTree<?> node = tree;
    int position = 0;
    while (node != null || !stack.isEmpty()) {
      while (node != null) {
        stack.push(node);
        node = node.left;
      }
      node = stack.pop();
      int offset = node.piece.offsetOf(id);
      if (offset >= 0) {
        return new int[] {position, offset};
      }
      position++;
      node = node.right;
    }
    return null;
  }
}
