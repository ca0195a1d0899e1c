package io.crdtkit;

import io.crdtkit.clock.Dot;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which elements of a {@link Sequence} already have children in the Fugue tree, on each side, beyond the one
 * implied inside a run (element {@code k + 1} of a run is the right child of element {@code k}): what Fugue's
 * insert rule asks of the left neighbour, and what tells a merge whether a new element has siblings to be ordered
 * against. Only runs' first elements are children that are not implied, so this costs one entry per run at most.
 */
record FugueParents(Set<Dot> right, Set<Dot> left) {

  static final FugueParents NONE = new FugueParents(HashSet.empty(), HashSet.empty());

  /** Whether {@code element}, the last of its run, has a right child. */
  boolean hasRightChild(Dot element) {
    return right.contains(element);
  }

  /** Whether {@code element} has a left child. */
  boolean hasLeftChild(Dot element) {
    return left.contains(element);
  }

  /** These, with the first element of {@code piece} registered as a child of its parent. */
  FugueParents with(SequencePiece<?> piece) {
    return with(piece.parent, piece.leftChild);
  }

  /** These, with {@code parent} having a child on that side (the root is not recorded). */
  FugueParents with(@Nullable Dot parent, boolean leftChild) {
    if (parent == null) {
      return this;
    }
    return leftChild ? new FugueParents(right, left.add(parent)) : new FugueParents(right.add(parent), left);
  }
}
