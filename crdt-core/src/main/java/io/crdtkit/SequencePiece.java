package io.crdtkit;

import io.crdtkit.clock.Dot;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A run of a {@link Sequence}: up to {@link #MAX_LENGTH} elements minted by one replica with consecutive counters,
 * adjacent in document order, each after the first being the right child of the one before it in the Fugue tree
 * (what one replica typing forward produces). Only the first element's place in the tree is stored; the others'
 * is implied. Immutable: the arrays are never written after construction.
 *
 * <p>The length is capped so that appending a typed character copies a bounded array, and a tombstone mask or a
 * split costs a bounded amount of work. A deleted element keeps its place and id but not its value (null): nothing
 * ever reads a tombstone's value, so neither memory nor the encoding pays for deleted text.
 */
final class SequencePiece<E> {

  static final int MAX_LENGTH = 64;

  final Dot first;
  /** The Fugue parent of the first element; {@code null} for the root. */
  final @Nullable Dot parent;
  /** Whether the first element is a left child of its parent (else a right child). */
  final boolean leftChild;
  // Packed by RunValues: a byte[] or char[] for characters, else an Object[]; deleted slots are 0 or null.
  private final Object values;
  private final int length;
  /** For each element, a dot of a delete that removed it, or null if live; the array is null if all are live. */
  private final @Nullable Dot @Nullable [] deletedBy;
  final int live;

  SequencePiece(Dot first, @Nullable Dot parent, boolean leftChild, Object[] values,
      @Nullable Dot @Nullable [] deletedBy) {
    if (values.length == 0 || values.length > MAX_LENGTH) {
      throw new IllegalArgumentException("a piece holds 1 to " + MAX_LENGTH + " elements, got " + values.length);
    }
    this.first = first;
    this.parent = parent;
    this.leftChild = leftChild;
    this.values = RunValues.pack(values);
    this.length = values.length;
    this.deletedBy = deletedBy;
    this.live = length - countDeleted(deletedBy);
  }

  /** A piece of values already packed by {@link RunValues}. */
  private SequencePiece(Dot first, @Nullable Dot parent, boolean leftChild, @Nullable Dot @Nullable [] deletedBy,
      Object packed) {
    this.first = first;
    this.parent = parent;
    this.leftChild = leftChild;
    this.values = packed;
    this.length = RunValues.length(packed);
    this.deletedBy = deletedBy;
    this.live = length - countDeleted(deletedBy);
  }

  private static int countDeleted(@Nullable Dot @Nullable [] deletedBy) {
    int dead = 0;
    if (deletedBy != null) {
      for (Dot d : deletedBy) {
        if (d != null) {
          dead++;
        }
      }
    }
    return dead;
  }

  int length() {
    return length;
  }

  Dot id(int offset) {
    return offset == 0 ? first : Dot.of(first.replica(), first.counter() + offset);
  }

  Dot last() {
    return id(length - 1);
  }

  /** The element's value; null if it is deleted. */
  @SuppressWarnings("unchecked")
  @Nullable E value(int offset) {
    return deletedBy != null && deletedBy[offset] != null ? null : (E) RunValues.get(values, offset);
  }

  @Nullable Dot deletedBy(int offset) {
    return deletedBy == null ? null : deletedBy[offset];
  }

  boolean isDeleted(int offset) {
    return deletedBy(offset) != null;
  }

  /** The parent of element {@code offset}: the one before it in the run, or the run's own parent. */
  @Nullable Dot parentOf(int offset) {
    return offset == 0 ? parent : id(offset - 1);
  }

  boolean isLeftChild(int offset) {
    return offset == 0 && leftChild;
  }

  /** The offset of the {@code n}-th live element (0-based). */
  int offsetOfLive(int n) {
    if (deletedBy == null) {
      return n;
    }
    for (int i = 0; i < length; i++) {
      if (deletedBy[i] == null && n-- == 0) {
        return i;
      }
    }
    throw new IndexOutOfBoundsException("live element " + n + " of a piece with " + live);
  }

  /** Elements {@code [from, to)} as a piece of their own, their place in the tree unchanged. */
  SequencePiece<E> slice(int from, int to) {
    if (from == 0 && to == length) {
      return this;
    }
    Dot[] deleted = deletedBy == null ? null : Arrays.copyOfRange(deletedBy, from, to);
    return new SequencePiece<>(id(from), parentOf(from), isLeftChild(from), RunValues.unpack(values, from, to),
        deleted);
  }

  /** Whether {@code more} elements, minted by the same replica right after the last one, fit in this run. */
  boolean canAppend(Dot next, int more) {
    return length + more <= MAX_LENGTH && next.replica().equals(first.replica())
        && next.counter() == first.counter() + length;
  }

  /** This run with live elements appended; see {@link #canAppend}. */
  SequencePiece<E> append(Object[] more) {
    Dot[] deleted = deletedBy == null ? null : Arrays.copyOf(deletedBy, length + more.length);
    return new SequencePiece<>(first, parent, leftChild, deleted, RunValues.append(values, more));
  }

  /** This run with the live elements of {@code [from, to)} marked as removed by {@code delete}. */
  SequencePiece<E> deleting(int from, int to, Dot delete) {
    Dot[] deleted = deletedBy == null ? new Dot[length] : deletedBy.clone();
    for (int i = from; i < to; i++) {
      if (deleted[i] == null) {
        deleted[i] = delete;
      }
    }
    return new SequencePiece<>(first, parent, leftChild, deleted, RunValues.clear(values, from, to));
  }

  /** This run with one more element, live or deleted, minted right after the last one; see {@link #canAppend}. */
  SequencePiece<E> append(Object value, @Nullable Dot deleted) {
    SequencePiece<E> longer = append(new Object[] {value});
    return deleted == null ? longer : longer.deleting(length, length + 1, deleted);
  }

  /** This run with element {@code offset} removed by {@code delete}, replacing any other delete dot it had. */
  SequencePiece<E> withDeletedBy(int offset, Dot delete) {
    Dot[] deleted = deletedBy == null ? new Dot[length] : deletedBy.clone();
    deleted[offset] = delete;
    return new SequencePiece<>(first, parent, leftChild, deleted, RunValues.clear(values, offset, offset + 1));
  }

  /** This run placed elsewhere in the tree: its first element a child of {@code newParent} on that side. */
  SequencePiece<E> withPlace(@Nullable Dot newParent, boolean asLeftChild) {
    return new SequencePiece<>(first, newParent, asLeftChild, deletedBy, values);
  }

  /** Each element of {@code piece}, unpacked with its place in the tree, in order. */
  static void unpack(SequencePiece<?> piece, java.util.function.Consumer<SequenceElement> action) {
    for (int i = 0; i < piece.length(); i++) {
      action.accept(new SequenceElement(piece.id(i), piece.parentOf(i), piece.isLeftChild(i), piece.value(i),
          piece.deletedBy(i)));
    }
  }

  /** The offset of {@code id} in this run, or -1 if it is not one of its elements. */
  int offsetOf(Dot id) {
    long offset = id.counter() - first.counter();
    return offset >= 0 && offset < length && id.replica().equals(first.replica()) ? (int) offset : -1;
  }
}
