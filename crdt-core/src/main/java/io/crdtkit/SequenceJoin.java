package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The full join of two {@link Sequence}s' elements, what {@link Sequence#merge} does when it cannot merge in place:
 * an element both hold is joined; one held by one side is kept unless the other side has seen it (then that side
 * collected it); and every element is put back in its place where a collection moved or dropped its parent.
 */
final class SequenceJoin {

  private SequenceJoin() {}

  /** The elements of the join of {@code mine} (which has seen {@code mineSeen}) and {@code theirs}. */
  static List<SequenceElement> of(Map<Dot, SequenceElement> mine, CausalContext mineSeen,
      Map<Dot, SequenceElement> theirs, CausalContext theirsSeen) {
    List<SequenceElement> all = new ArrayList<>(mine.size() + theirs.size());
    for (SequenceElement e : mine.values()) {
      SequenceElement copy = theirs.get(e.id());
      if (copy != null) {
        all.add(e.join(copy));
      } else if (!theirsSeen.contains(e.id())) {
        all.add(e);
      }
    }
    for (SequenceElement e : theirs.values()) {
      if (!mine.containsKey(e.id()) && !mineSeen.contains(e.id())) {
        all.add(e);
      }
    }
    return spliced(all, mine, theirs);
  }

  /**
   * The joined elements, each in its place. A side that spliced a tombstone out (see {@code SequenceCollection})
   * moved its child up to the tombstone's parent, and the other side's copy of that child may still name the
   * tombstone. While the tombstone is kept (the other side still holds it and the spliced side's context has not
   * dropped it: a delta), the child stays under it, as an in-place merge leaves it; once it is dropped, the child
   * takes the place the tombstone had. Both give the same order.
   */
  private static List<SequenceElement> spliced(List<SequenceElement> joined, Map<Dot, SequenceElement> mine,
      Map<Dot, SequenceElement> theirs) {
    Set<Dot> kept = new HashSet<>(joined.size() * 2);
    joined.forEach(e -> kept.add(e.id()));
    List<SequenceElement> placed = new ArrayList<>(joined.size());
    for (SequenceElement e : joined) {
      SequenceElement lower = lowerCopy(e, mine, theirs, kept);
      Dot parent = lower.parent();
      boolean leftChild = lower.leftChild();
      while (parent != null && !kept.contains(parent)) {
        SequenceElement dropped = mine.containsKey(parent) ? mine.get(parent) : theirs.get(parent);
        if (dropped == null) {
          break; // not held on either side: the element waits for it (a delta)
        }
        leftChild = dropped.leftChild();
        parent = dropped.parent();
      }
      boolean same = Objects.equals(parent, e.parent()) && leftChild == e.leftChild();
      placed.add(same ? e : new SequenceElement(e.id(), parent, leftChild, e.value(), e.deletedBy()));
    }
    return placed;
  }

  /** Of the two sides' copies of {@code e}, the one whose parent is kept and lowest (the other was spliced). */
  private static SequenceElement lowerCopy(SequenceElement e, Map<Dot, SequenceElement> mine,
      Map<Dot, SequenceElement> theirs, Set<Dot> kept) {
    SequenceElement a = mine.get(e.id());
    SequenceElement b = theirs.get(e.id());
    if (a == null || b == null || Objects.equals(a.parent(), b.parent())) {
      return e;
    }
    boolean aKept = a.parent() == null || kept.contains(a.parent());
    boolean bKept = b.parent() == null || kept.contains(b.parent());
    if (aKept != bKept) {
      return aKept ? a : b;
    }
    // Both kept: the spliced copy names an ancestor of the other's parent.
    return isAncestor(b.parent(), a.parent(), at -> mine.containsKey(at) ? mine.get(at) : theirs.get(at)) ? a : b;
  }

  /**
   * Whether {@code ancestor} is {@code of} or one of its ancestors ({@code null}, the root, is everyone's), walking
   * up the parents that {@code elements} knows.
   */
  static boolean isAncestor(@Nullable Dot ancestor, @Nullable Dot of,
      Function<Dot, @Nullable SequenceElement> elements) {
    Dot at = of;
    while (at != null) {
      if (at.equals(ancestor)) {
        return true;
      }
      SequenceElement e = elements.apply(at);
      at = e == null ? null : e.parent();
    }
    return ancestor == null;
  }
}
