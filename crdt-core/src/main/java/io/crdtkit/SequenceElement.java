package io.crdtkit;

import io.crdtkit.clock.Dot;
import org.jspecify.annotations.Nullable;

/**
 * One element of a {@link Sequence} with its place in the Fugue tree, unpacked from its run: what merge joins
 * and equality compares, whatever runs the two sides happen to be cut into.
 *
 * @param id        the dot of the insert that created it
 * @param parent    its Fugue parent; {@code null} for the root
 * @param leftChild whether it is a left child of its parent (else a right child)
 * @param value     the element; {@code null} once deleted (a tombstone keeps no value)
 * @param deletedBy the least dot of the deletes that removed it, or {@code null} while it is live
 */
record SequenceElement(Dot id, @Nullable Dot parent, boolean leftChild, @Nullable Object value,
    @Nullable Dot deletedBy) {

  /** This element deleted by {@code delete}: a tombstone, without its value. */
  SequenceElement deleted(Dot delete) {
    return new SequenceElement(id, parent, leftChild, null, delete);
  }

  boolean isDeleted() {
    return deletedBy != null;
  }

  /** The join of two copies of the same element: deleted if either is, by the least delete dot (a semilattice). */
  SequenceElement join(SequenceElement other) {
    Dot mine = deletedBy;
    Dot theirs = other.deletedBy;
    if (theirs == null || (mine != null && mine.compareTo(theirs) <= 0)) {
      return this;
    }
    if (mine == null || theirs.compareTo(mine) < 0) {
      return other;
    }
    return this;
  }
}
