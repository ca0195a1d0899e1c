package io.crdtkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A list CRDT: a replicated sequence of elements in which every replica can insert and delete at any index, and
 * concurrent edits merge into one order (Fugue, Weidner and Kleppmann, <em>The Art of the Fugue: Minimizing
 * Interleaving in Collaborative Text Editing</em>, 2023).
 *
 * <p><b>Why Fugue.</b> When two replicas concurrently type a run each at the same place, a list CRDT must not
 * interleave the runs character by character ("abc" and "xyz" must end as "abcxyz" or "xyzabc", never
 * "axbycz"). RGA avoids interleaving of forward typing but interleaves runs typed backwards (each character
 * inserted before the previous one, as when editing at the start of a line with the cursor kept still). YATA
 * (Yjs) avoids both, with an integration rule that scans and compares both origins. Fugue is proven (op. cit.,
 * §4) to avoid interleaving forward and backward with a simpler rule: every element is a left or right child of
 * one parent in a tree, and the document is the tree's in-order walk. That rule is also what makes a run typed
 * forward one chain of right children, stored here as one run.
 *
 * <p><b>Positions are ids.</b> Each element is identified by the {@link Dot} of the insert that created it. An insert
 * at index {@code i} names its left neighbour {@code a} (the live element at {@code i - 1}, or the root): it
 * becomes the right child of {@code a} if {@code a} has none, else the left child of the element right after
 * {@code a} (which then has no left child). Siblings are ordered by id. Indexes are only the local view.
 *
 * <pre>{@code
 * Sequence<Character> base = Sequence.<Character>empty().insertAll(A, 0, List.of('-', '-'));
 * Sequence<Character> onA  = base.insertAll(A, 1, List.of('a', 'b', 'c'));
 * Sequence<Character> onB  = base.insertAll(B, 1, List.of('x', 'y', 'z'));
 * onA.merge(onB).value()   // [-, a, b, c, x, y, z, -] on every replica; never a mix
 * }</pre>
 *
 * <p><b>Deletes</b> mark elements as tombstones, each with the dot of a delete that removed it (the least one, if
 * several did), and keep them: concurrent inserts may name them as parent. <b>Collecting them</b> (a later step,
 * in crdt-gc) becomes possible at causal stability: once the delete dot of a tombstone is at or below the stable
 * cut, every replica holds the tombstone and every insert concurrent with the delete has been merged; no future
 * insert can name it as its left neighbour (only live elements are), but one can name it as the element after its
 * left neighbour, so collection must keep the order of the survivors fixed, e.g. by folding the stable part of the
 * document into a plain run that new inserts address by its surviving ids, and refusing input from before the cut
 * (an epoch). That is why deletes mint a dot, although the tombstone itself would need none.
 *
 * <p><b>Cost.</b> Elements typed forward by one replica are stored as runs of up to 64 (one id, one parent
 * reference per run) in a persistent order-statistic tree of runs in document order, each node knowing its
 * number of live elements. {@link #get}, {@link #insert}, {@link #insertAll} and each run touched by
 * {@link #delete} cost {@code O(log r)} expected for {@code r} runs (plus the length of the inserted list).
 * Merging a state that holds few elements the receiver has not seen (a delta, or a replica that diverged by up to
 * 256 elements; finding them walks the other state, {@code O(n)}) places each of them directly when Fugue leaves no
 * choice (a right child of an element without one, a left child of an element without one): {@code O(log r)}
 * near the last edit, {@code O(r)} to find the parent elsewhere, as the tree is ordered by position, not id. A merge
 * with concurrent siblings to order, with elements whose parent has not arrived, or of a larger state lays the
 * document out again from its elements in {@code O(n log n)}. A merge the receiver already covers returns it in
 * {@code O(1)} (by causal context). A logarithmic id-to-position index is the next step.
 *
 * @param <E> the element type; elements must be immutable and have value-based equals and hashCode
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class Sequence<E> implements DeltaCrdt<Sequence<E>> {

  private static final Sequence<?> EMPTY =
      new Sequence<>(null, List.of(), FugueParents.NONE, CausalContext.empty(), -1);

  private final @Nullable PieceTree<E> tree;
  // Elements whose parent this state does not hold: only in deltas (see FugueLayout).
  private final List<SequencePiece<E>> pending;
  private final FugueParents parents;
  private final CausalContext context;
  // The position of the run edited last, or -1: where the next incoming edit is likely to be. Not state.
  private final int hint;

  private Sequence(@Nullable PieceTree<E> tree, List<SequencePiece<E>> pending, FugueParents parents,
      CausalContext context, int hint) {
    this.hint = hint;
    this.tree = tree;
    this.pending = pending;
    this.parents = parents;
    this.context = context;
  }

  /**
   * The empty sequence.
   *
   * @param <E> the element type
   * @return the sequence that has seen nothing
   */
  @SuppressWarnings("unchecked")
  public static <E> Sequence<E> empty() {
    return (Sequence<E>) EMPTY;
  }

  static <E> Sequence<E> fromElements(Collection<SequenceElement> elements, CausalContext context) {
    FugueLayout<E> layout = FugueLayout.of(elements);
    return new Sequence<>(layout.tree, List.copyOf(layout.pending), layout.parents, context, -1);
  }

  @Override
  public Sequence<E> bottom() {
    return empty();
  }

  /**
   * Every dot this sequence has seen: the inserts of its elements and the deletes of its tombstones.
   *
   * @return the causal context
   */
  public CausalContext context() {
    return context;
  }

  /**
   * The number of live (not deleted) elements.
   *
   * @return the size of {@link #value()}
   */
  public int size() {
    return PieceTree.live(tree);
  }

  /**
   * The live element at {@code index}, in {@code O(log r)}.
   *
   * @param index from 0 to {@code size() - 1}
   * @return the element
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public E get(int index) {
    int[] at = PieceTree.locateLive(tree, index);
    return PieceTree.pieceAt(Objects.requireNonNull(tree), at[0]).value(at[1]);
  }

  /**
   * The id of the live element at {@code index}: the dot of the insert that created it, which stays its position
   * whatever is inserted or deleted around it.
   *
   * @param index from 0 to {@code size() - 1}
   * @return the element's id
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public Dot idAt(int index) {
    int[] at = PieceTree.locateLive(tree, index);
    return PieceTree.pieceAt(Objects.requireNonNull(tree), at[0]).id(at[1]);
  }

  /**
   * The live elements in document order.
   *
   * @return the elements; deleted ones are not included
   */
  public Vector<E> value() {
    List<E> live = new ArrayList<>(size());
    PieceTree.forEach(tree, piece -> {
      for (int i = 0; i < piece.length(); i++) {
        if (!piece.isDeleted(i)) {
          live.add(piece.value(i));
        }
      }
    });
    return Vector.ofAll(live);
  }

  /**
   * This sequence with {@code element} inserted at {@code index} by {@code replica}.
   *
   * @param replica the replica that makes the update; it mints the element's id
   * @param index   from 0 (the start) to {@code size()} (the end)
   * @param element the element; not null
   * @return the sequence with the element at {@code index}
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public Sequence<E> insert(ReplicaId replica, int index, E element) {
    return insertAll(replica, index, List.of(element));
  }

  /**
   * This sequence with {@code elements} inserted, in order, from {@code index} on by {@code replica}: the same as
   * inserting them one by one at {@code index}, {@code index + 1}, ..., and stored as one run.
   *
   * @param replica  the replica that makes the update; it mints one id per element
   * @param index    from 0 (the start) to {@code size()} (the end)
   * @param elements the elements; none null
   * @return the sequence with the elements at {@code index}; {@code this} if {@code elements} is empty
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public Sequence<E> insertAll(ReplicaId replica, int index, List<? extends E> elements) {
    SequenceEdits.Insertion<E> insertion =
        SequenceEdits.insertion(tree, parents, context, replica, index, elements);
    if (insertion == null) {
      return this;
    }
    return new Sequence<>(insertion.tree(), pending, insertion.parents(), withDots(context, insertion.run()),
        insertion.hint());
  }

  /**
   * The delta of {@link #insert}: the new element with its place in the tree, and its id.
   *
   * @param replica the replica that makes the update
   * @param index   from 0 to {@code size()}
   * @param element the element; not null
   * @return the delta
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public Sequence<E> deltaInsert(ReplicaId replica, int index, E element) {
    return deltaInsertAll(replica, index, List.of(element));
  }

  /**
   * The delta of {@link #insertAll}: the new elements with their places in the tree, and their ids.
   *
   * @param replica  the replica that makes the update
   * @param index    from 0 to {@code size()}
   * @param elements the elements; none null
   * @return the delta; the bottom sequence if {@code elements} is empty
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public Sequence<E> deltaInsertAll(ReplicaId replica, int index, List<? extends E> elements) {
    SequenceEdits.Insertion<E> insertion =
        SequenceEdits.insertion(tree, parents, context, replica, index, elements);
    if (insertion == null) {
      return empty();
    }
    List<SequenceElement> run = new ArrayList<>();
    for (SequencePiece<E> piece : insertion.run()) {
      unpack(piece, run::add);
    }
    return fromElements(run, withDots(CausalContext.empty(), insertion.run()));
  }

  /**
   * This sequence with the {@code count} live elements from {@code index} on deleted by {@code replica}. They stay
   * as tombstones, with the delete's dot, until garbage collection (see the class comment).
   *
   * @param replica the replica that makes the update; it mints the delete's dot
   * @param index   the first element deleted
   * @param count   how many live elements to delete
   * @return the sequence without them; {@code this} if {@code count} is 0
   * @throws IndexOutOfBoundsException if the range is not within {@code [0, size())}
   */
  public Sequence<E> delete(ReplicaId replica, int index, int count) {
    SequenceEdits.Deletion<E> deletion = SequenceEdits.deletion(tree, context, replica, index, count);
    if (deletion == null) {
      return this;
    }
    return new Sequence<>(deletion.tree(), pending, parents, context.add(deletion.dot()), deletion.hint());
  }

  /**
   * The delta of {@link #delete}: the deleted elements as tombstones, and the delete's dot.
   *
   * @param replica the replica that makes the update
   * @param index   the first element deleted
   * @param count   how many live elements to delete
   * @return the delta; the bottom sequence if {@code count} is 0
   * @throws IndexOutOfBoundsException if the range is not within {@code [0, size())}
   */
  public Sequence<E> deltaDelete(ReplicaId replica, int index, int count) {
    SequenceEdits.Deletion<E> deletion = SequenceEdits.deletion(tree, context, replica, index, count);
    if (deletion == null) {
      return empty();
    }
    CausalContext seen = CausalContext.empty().add(deletion.dot());
    for (SequenceElement e : deletion.deleted()) {
      seen = seen.add(e.id());
    }
    return fromElements(deletion.deleted(), seen);
  }

  /**
   * The join of the two sequences: every element either has, deleted if either has deleted it, in the order the
   * Fugue tree gives. {@code this} if {@code other} has seen nothing new (by causal context). What {@code other}
   * holds unseen, if it is little, is placed element by element where it can be; otherwise the document is laid
   * out again from its elements (see the class comment for the cost).
   *
   * @param other a sequence, a delta or a delta group
   * @return the merged sequence
   */
  @Override
  public Sequence<E> merge(Sequence<E> other) {
    // Every dot names exactly one effect (an element, or the tombstones of one delete), and a state holds the
    // whole effect of every dot it has seen: so a context that covers the other's covers its content.
    if (other == this || other.context.isLessOrEqual(context)) {
      return this;
    }
    if (context.isLessOrEqual(other.context)) {
      return other;
    }
    CausalContext joined = context.merge(other.context);
    if (pending.isEmpty()) {
      // Only what this state has not seen: elements it lacks, and deletes it has not applied (one it has seen is
      // already in its tombstone's least delete dot). Two replicas that diverged a little differ in little.
      List<SequenceElement> unseen = new ArrayList<>();
      other.forEachPiece(piece -> unseenOf(piece, unseen));
      if (unseen.size() <= SequenceIntegration.MAX_ELEMENTS) {
        SequenceIntegration.Result<E> fast = SequenceIntegration.integrate(tree, parents, context, hint, unseen);
        if (fast != null) {
          return new Sequence<>(fast.tree(), pending, fast.parents(), joined, fast.hint());
        }
      }
    }
    Map<Dot, SequenceElement> all = elementsById();
    other.forEachElement(e -> all.merge(e.id(), e, SequenceElement::join));
    return fromElements(all.values(), joined);
  }

  /**
   * Whether {@code other} includes everything this sequence includes: whether it has seen every dot this one has
   * (see {@link #merge} for why the context decides), in {@code O(replicas + cloud)} instead of a merge.
   *
   * @param other a sequence, a delta or a delta group
   * @return {@code true} if {@code this.merge(other).equals(other)}
   */
  @Override
  public boolean isLessOrEqual(Sequence<E> other) {
    return context.isLessOrEqual(other.context);
  }

  private Map<Dot, SequenceElement> elementsById() {
    Map<Dot, SequenceElement> byId = new HashMap<>();
    forEachElement(e -> byId.put(e.id(), e));
    return byId;
  }

  private void forEachPiece(Consumer<SequencePiece<E>> action) {
    PieceTree.forEach(tree, action);
    pending.forEach(action);
  }

  /** Adds to {@code unseen} the elements of {@code piece} this state lacks or has not seen deleted. */
  private void unseenOf(SequencePiece<?> piece, List<SequenceElement> unseen) {
    // The compact part of the context answers for most elements without a lookup per element.
    long seenUpTo = context.vectorClock().get(piece.first.replica());
    boolean tombstones = piece.live < piece.length();
    if (!tombstones && piece.last().counter() <= seenUpTo) {
      return;
    }
    for (int i = 0; i < piece.length(); i++) {
      Dot id = piece.id(i);
      Dot deletedBy = piece.deletedBy(i);
      boolean lacking = id.counter() > seenUpTo && !context.contains(id);
      if (lacking || (deletedBy != null && !context.contains(deletedBy))) {
        unseen.add(new SequenceElement(id, piece.parentOf(i), piece.isLeftChild(i), piece.value(i), deletedBy));
      }
    }
  }

  /** Every element held, tombstones and pending ones included; in document order, pending ones last. */
  void forEachElement(Consumer<SequenceElement> action) {
    PieceTree.forEach(tree, piece -> unpack(piece, action));
    pending.forEach(piece -> unpack(piece, action));
  }

  private static void unpack(SequencePiece<?> piece, Consumer<SequenceElement> action) {
    for (int i = 0; i < piece.length(); i++) {
      action.accept(new SequenceElement(piece.id(i), piece.parentOf(i), piece.isLeftChild(i), piece.value(i),
          piece.deletedBy(i)));
    }
  }

  private static CausalContext withDots(CausalContext context, List<? extends SequencePiece<?>> run) {
    CausalContext seen = context;
    for (SequencePiece<?> piece : run) {
      for (int i = 0; i < piece.length(); i++) {
        seen = seen.add(piece.id(i));
      }
    }
    return seen;
  }

  /** Equal when they hold the same elements, in the same places, with the same tombstones, and the same context. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Sequence<?> other)) {
      return false;
    }
    return context.equals(other.context) && PieceTree.elements(tree) == PieceTree.elements(other.tree)
        && elementsById().equals(other.elementsById());
  }

  @Override
  public int hashCode() {
    int[] sum = {0};
    forEachElement(e -> sum[0] += e.hashCode());
    return 31 * context.hashCode() + sum[0];
  }

  /** {@code Sequence[a, b, c]}: the live elements. */
  @Override
  public String toString() {
    return value().mkString("Sequence[", ", ", "]");
  }
}
