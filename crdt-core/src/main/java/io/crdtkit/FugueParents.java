package io.crdtkit;

import io.crdtkit.clock.Dot;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import org.jspecify.annotations.Nullable;

/**
 * How many children each element of a {@link Sequence} has in the Fugue tree, on each side, beyond the one implied
 * inside a run (element {@code k + 1} of a run is the right child of element {@code k}): what Fugue's insert rule
 * asks of the left neighbour, what tells a merge whether a new element has siblings to be ordered against, and what
 * tells a local insert that a dead right subtree is one run it can step over. Only runs' first elements are children
 * that are not implied, so this costs one entry per run at most.
 */
record FugueParents(Map<Dot, Integer> right, Map<Dot, Integer> left) {

  static final FugueParents NONE = new FugueParents(HashMap.empty(), HashMap.empty());

  /** Whether {@code element} has a right child that is not the next element of its run. */
  boolean hasRightChild(Dot element) {
    return right.containsKey(element);
  }

  /** How many right children {@code element} has that are not the next element of its run. */
  int rightChildren(Dot element) {
    return right.get(element).getOrElse(0);
  }

  /** Whether {@code element} has a left child. */
  boolean hasLeftChild(Dot element) {
    return left.containsKey(element);
  }

  /** These, with the first element of {@code piece} registered as a child of its parent. */
  FugueParents with(SequencePiece<?> piece) {
    return with(piece.parent, piece.leftChild);
  }

  /** These, with {@code parent} having one more child on that side (the root is not recorded). */
  FugueParents with(@Nullable Dot parent, boolean leftChild) {
    if (parent == null) {
      return this;
    }
    return leftChild ? new FugueParents(right, left.put(parent, left.get(parent).getOrElse(0) + 1))
        : new FugueParents(right.put(parent, right.get(parent).getOrElse(0) + 1), left);
  }
}
