package io.crdtkit;

import io.crdtkit.clock.Dot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Lays a set of Fugue elements out in document order (Weidner and Kleppmann 2023, §3, Algorithm 1): a depth-first
 * walk of the tree that visits a node's left children, the node, then its right children, siblings on each side
 * in the order of their ids. Elements whose parent is not (yet) held — a delta's elements, or a child whose
 * parent's delta is late — are kept aside as pending and laid out once the parent arrives.
 *
 * <p>This is the slow path of {@link Sequence#merge}: {@code O(n log n)} for {@code n} elements, whatever the size
 * of the difference. Local edits never come here.
 */
final class FugueLayout<E> {

  private static final Object ROOT = new Object();

  final @Nullable PieceTree<E> tree;
  final List<SequencePiece<E>> pending;
  final FugueParents parents;

  private FugueLayout(@Nullable PieceTree<E> tree, List<SequencePiece<E>> pending, FugueParents parents) {
    this.tree = tree;
    this.pending = pending;
    this.parents = parents;
  }

  static <E> FugueLayout<E> of(Collection<SequenceElement> elements) {
    Map<Object, List<SequenceElement>> leftChildren = new HashMap<>();
    Map<Object, List<SequenceElement>> rightChildren = new HashMap<>();
    for (SequenceElement e : elements) {
      Object parent = e.parent() == null ? ROOT : e.parent();
      (e.leftChild() ? leftChildren : rightChildren).computeIfAbsent(parent, p -> new ArrayList<>()).add(e);
    }
    leftChildren.values().forEach(siblings -> siblings.sort((x, y) -> x.id().compareTo(y.id())));
    rightChildren.values().forEach(siblings -> siblings.sort((x, y) -> x.id().compareTo(y.id())));

    Builder<E> builder = new Builder<>();
    // An explicit stack: a replica typing forward makes a chain of right children as deep as the text is long.
    // A frame is either a node still to expand (its children not yet pushed) or a node to emit.
    ArrayDeque<Object[]> stack = new ArrayDeque<>();
    pushChildren(stack, rightChildren.get(ROOT));
    int visited = 0;
    while (!stack.isEmpty()) {
      Object[] frame = stack.pop();
      SequenceElement e = (SequenceElement) frame[0];
      if (frame[1] == Boolean.TRUE) {
        builder.add(e);
        visited++;
        continue;
      }
      // Pushed in reverse: left children first out, then the node, then the right children.
      pushChildren(stack, rightChildren.get(e.id()));
      stack.push(new Object[] {e, Boolean.TRUE});
      pushChildren(stack, leftChildren.get(e.id()));
    }
    List<SequencePiece<E>> pending = new ArrayList<>();
    if (visited < elements.size()) {
      java.util.Set<Dot> placed = new java.util.HashSet<>(builder.ids);
      for (SequenceElement e : elements) {
        if (!placed.contains(e.id())) {
          pending.add(single(e));
        }
      }
      pending.sort((x, y) -> x.first.compareTo(y.first));
    }
    return new FugueLayout<>(builder.finish(), pending, builder.parents);
  }

  private static void pushChildren(ArrayDeque<Object[]> stack, @Nullable List<SequenceElement> children) {
    if (children != null) {
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.push(new Object[] {children.get(i), Boolean.FALSE});
      }
    }
  }

  static <E> SequencePiece<E> single(SequenceElement e) {
    Dot[] deleted = e.deletedBy() == null ? null : new Dot[] {e.deletedBy()};
    return new SequencePiece<>(e.id(), e.parent(), e.leftChild(), new Object[] {e.value()}, deleted);
  }

  /** Packs consecutive elements of one forward-typed run into pieces, and the pieces into a tree. */
  private static final class Builder<E> {
    final List<Dot> ids = new ArrayList<>();
    FugueParents parents = FugueParents.NONE;
    @Nullable PieceTree<E> tree;
    final List<SequenceElement> run = new ArrayList<>();

    void add(SequenceElement e) {
      ids.add(e.id());
      if (!run.isEmpty()) {
        SequenceElement previous = run.get(run.size() - 1);
        boolean continues = run.size() < SequencePiece.MAX_LENGTH && !e.leftChild()
            && previous.id().equals(e.parent()) && e.id().replica().equals(previous.id().replica())
            && e.id().counter() == previous.id().counter() + 1;
        if (!continues) {
          flush();
        }
      }
      run.add(e);
    }

    private void flush() {
      SequenceElement head = run.get(0);
      Object[] values = new Object[run.size()];
      Dot[] deleted = null;
      for (int i = 0; i < values.length; i++) {
        values[i] = run.get(i).value();
        Dot d = run.get(i).deletedBy();
        if (d != null) {
          if (deleted == null) {
            deleted = new Dot[values.length];
          }
          deleted[i] = d;
        }
      }
      parents = parents.with(head.parent(), head.leftChild());
      tree = PieceTree.join(tree, PieceTree.leaf(
          new SequencePiece<E>(head.id(), head.parent(), head.leftChild(), values, deleted)));
      run.clear();
    }

    @Nullable PieceTree<E> finish() {
      if (!run.isEmpty()) {
        flush();
      }
      return tree;
    }
  }
}
