package io.crdtkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
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
 * several did), without their values. <b>Only live elements are ever named as parents</b> (where Fugue would name
 * a tombstone, the insert is placed by the live elements around it; see {@code SequenceEdits}), so a tombstone
 * gains no child once its delete is merged. {@link #collect} relies on that: once a tombstone's delete is at or
 * below the stable cut (crdt-gc), every child it will ever have is already here, and every subtree made only of
 * such tombstones is removed. A stale state or a late delta can neither name a collected element (nothing is
 * minted against a tombstone) nor bring one back: an element whose id is in the context but not held was collected,
 * and merge drops it. A stable tombstone whose only child is the next element of its run is spliced out (the child
 * takes its place; no dot lies between their ids, so it sorts where the tombstone did); other tombstones that still
 * have live descendants stay, as an id and a place, no value.
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
public final class Sequence<E> implements CausalCrdt<Sequence<E>>, Collectable<Sequence<E>> {

  private static final Sequence<?> EMPTY =
      new Sequence<>(null, List.of(), FugueParents.NONE, CausalContext.empty(), false, -1);

  private final @Nullable PieceTree<E> tree;
  // Elements whose parent this state does not hold: only in deltas (see FugueLayout).
  private final List<SequencePiece<E>> pending;
  private final FugueParents parents;
  private final CausalContext context;
  // Whether this state may have seen elements it no longer holds (collected, or counted as seen by withContext): a
  // merge must then drop the other side's copies of them. Conservative: true costs a slower merge, never a wrong one.
  private final boolean dropsSeen;
  // The position of the run edited last, or -1: where the next incoming edit is likely to be. Not state.
  private final int hint;
  // A delta that deltaInsertAll or deltaDelete just made: the sequence it was made from and the sequence with the
  // edit, so that merging it back into that sequence is a lookup (see OwnDelta). Null otherwise; not state.
  private final @Nullable OwnDelta<Sequence<E>> own;
  // A cache, not state: a stable cut at which collect() last found nothing more to collect, kept by this sequence's
  // own edits (a local insert names only live parents, and a local delete's dot is above every stable cut, so they
  // make nothing collectable at a cut already applied); a merge starts without it. crdt-net collects after every
  // update, and without it every keystroke walked the whole text while a delete waited for stability. Written
  // without a lock: a thread that does not see it walks once more.
  private @Nullable VectorClock collectedAt;

  private Sequence(@Nullable PieceTree<E> tree, List<SequencePiece<E>> pending, FugueParents parents,
      CausalContext context, boolean dropsSeen, int hint) {
    this(tree, pending, parents, context, dropsSeen, hint, null);
  }

  private Sequence(@Nullable PieceTree<E> tree, List<SequencePiece<E>> pending, FugueParents parents,
      CausalContext context, boolean dropsSeen, int hint, @Nullable OwnDelta<Sequence<E>> own) {
    this.hint = hint;
    this.tree = tree;
    this.pending = pending;
    this.parents = parents;
    this.context = context;
    this.dropsSeen = dropsSeen;
    this.own = own;
  }

  /** This sequence without what a delta remembers ({@link OwnDelta#forget}). */
  Sequence<E> withoutOwnDelta() {
    return own == null ? this : new Sequence<>(tree, pending, parents, context, dropsSeen, hint);
  }

  /** This delta, remembering that merged into {@code origin} it makes {@code result} (see {@link OwnDelta}). */
  private Sequence<E> madeFrom(Sequence<E> origin, Sequence<E> result) {
    return new Sequence<>(tree, pending, parents, context, dropsSeen, hint, new OwnDelta<>(origin, result));
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

  static <E> Sequence<E> fromElements(Collection<SequenceElement> elements, CausalContext context,
      boolean dropsSeen) {
    FugueLayout<E> layout = FugueLayout.of(elements);
    return new Sequence<>(layout.tree, List.copyOf(layout.pending), layout.parents, context, dropsSeen, -1);
  }

  @Override
  public Sequence<E> bottom() {
    return empty();
  }

  /**
   * Every dot this sequence has seen: the inserts of its elements and the deletes of its tombstones, collected ones
   * included.
   *
   * @return the causal context
   */
  @Override
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
    return Objects.requireNonNull(PieceTree.pieceAt(Objects.requireNonNull(tree), at[0]).value(at[1]));
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
        SequenceEdits.insertion(tree, parents, pending, context, replica, index, elements);
    return insertion == null ? this : inserted(insertion);
  }

  private Sequence<E> inserted(SequenceEdits.Insertion<E> insertion) {
    return keepingCollectedAt(new Sequence<>(insertion.tree(), insertion.pending(), insertion.parents(),
        withDots(context, insertion.run()), dropsSeen, insertion.hint()));
  }

  /** {@code edited}, made by an edit of this sequence, knowing the cut this one was collected at. */
  private Sequence<E> keepingCollectedAt(Sequence<E> edited) {
    edited.collectedAt = collectedAt;
    return edited;
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
        SequenceEdits.insertion(tree, parents, pending, context, replica, index, elements);
    if (insertion == null) {
      return empty();
    }
    List<SequenceElement> run = new ArrayList<>();
    for (SequencePiece<E> piece : insertion.run()) {
      SequencePiece.unpack(piece, run::add);
    }
    return Sequence.<E>fromElements(run, withDots(CausalContext.empty(), insertion.run()), false)
        .madeFrom(this, inserted(insertion));
  }

  /**
   * This sequence with the {@code count} live elements from {@code index} on deleted by {@code replica}. They stay
   * as tombstones, with the delete's dot and without their values, until garbage collection (see {@link #collect}).
   *
   * @param replica the replica that makes the update; it mints the delete's dot
   * @param index   the first element deleted
   * @param count   how many live elements to delete
   * @return the sequence without them; {@code this} if {@code count} is 0
   * @throws IndexOutOfBoundsException if the range is not within {@code [0, size())}
   */
  public Sequence<E> delete(ReplicaId replica, int index, int count) {
    SequenceEdits.Deletion<E> deletion = SequenceEdits.deletion(tree, context, replica, index, count);
    return deletion == null ? this : deleted(deletion);
  }

  private Sequence<E> deleted(SequenceEdits.Deletion<E> deletion) {
    return keepingCollectedAt(new Sequence<>(deletion.tree(), pending, parents, context.add(deletion.dot()),
        dropsSeen, deletion.hint()));
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
    return Sequence.<E>fromElements(deletion.deleted(), seen, false).madeFrom(this, deleted(deletion));
  }

  /**
   * The join of the two sequences: every element either holds, deleted if either has deleted it, in the order the
   * Fugue tree gives; an element one side holds and the other has seen but no longer holds was collected there, and
   * is dropped. {@code this} if {@code other} has seen nothing new (by causal context) and cannot have collected
   * anything this holds. What {@code other} holds unseen, if it is little, is placed element by element where it can
   * be; otherwise the document is laid out again from its elements (see the class comment for the cost).
   *
   * @param other a sequence, a delta or a delta group
   * @return the merged sequence
   */
  @Override
  public Sequence<E> merge(Sequence<E> other) {
    // Every dot names exactly one effect (an element, or the tombstones of one delete), and a state holds the
    // whole effect of every dot it has seen, unless it dropped it (dropsSeen): so a context that covers the
    // other's covers its content, and only a side that dropped something can take something away.
    if (other == this) {
      return this;
    }
    Sequence<E> ownResult = OwnDelta.resultOfMerging(other.own, this);
    if (ownResult != null) {
      return ownResult;
    }
    // A side that covers the other's context has merged every delete the other collected: what it holds of
    // those is a tombstone, so a side without tombstones has nothing the other could have dropped.
    if (other.context.isLessOrEqual(context) && !(other.dropsSeen && tombstones() > 0)) {
      return this;
    }
    if (context.isLessOrEqual(other.context) && !(dropsSeen && other.tombstones() > 0)) {
      return other;
    }
    CausalContext joined = context.merge(other.context);
    boolean drops = dropsSeen || other.dropsSeen;
    // Otherwise this side may hold, even live (a stale state), what the other dropped: only a full join finds it.
    if (pending.isEmpty() && !other.dropsSeen) {
      // Only what this state has not seen: elements it lacks, and deletes it has not applied (one it has seen is
      // already in its tombstone's least delete dot). Two replicas that diverged a little differ in little.
      List<SequenceElement> unseen = new ArrayList<>();
      other.forEachPiece(piece -> unseenOf(piece, unseen));
      if (unseen.size() <= SequenceIntegration.MAX_ELEMENTS) {
        SequenceIntegration.Result<E> fast = SequenceIntegration.integrate(tree, parents, context, hint, unseen);
        if (fast != null) {
          return new Sequence<>(fast.tree(), pending, fast.parents(), joined, drops, fast.hint());
        }
      }
    }
    return fromElements(SequenceJoin.of(elementsById(), context, other.elementsById(), other.context), joined,
        drops);
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

  /**
   * This sequence with every subtree of tombstones whose deletes are at or below {@code stableCut} removed, the
   * live elements and their order unchanged: tombstones with live descendants stay. Safe at crdt-gc's stable cut
   * because only live elements are ever named as parents (see the class comment, and {@code SequenceCollection}
   * for the argument). {@code collapseCut} is not needed. Costs {@code O(n log n)} when something goes, {@code O(n)}
   * to find out that nothing does, and {@code O(1)} without tombstones.
   *
   * @param stableCut   every dot at or below it has been merged by every replica (and everything concurrent with it
   *                    by this one)
   * @param collapseCut not used
   * @return the collected sequence; {@code this} if nothing was reclaimable
   */
  @Override
  public Sequence<E> collect(VectorClock stableCut, VectorClock collapseCut) {
    Objects.requireNonNull(stableCut, "stableCut");
    if (tombstones() == 0) {
      return this;
    }
    VectorClock applied = collectedAt;
    if (applied != null && stableCut.isLessOrEqual(applied)) {
      return this;
    }
    List<SequenceElement> all = new ArrayList<>(PieceTree.elements(tree));
    forEachElement(all::add);
    List<SequenceElement> kept = SequenceCollection.survivors(all, stableCut);
    Sequence<E> collected = kept == null ? this : fromElements(kept, context, true);
    collected.collectedAt = stableCut;
    return collected;
  }

  /**
   * How many tombstones this sequence holds: deleted elements kept for their place in the tree.
   *
   * @return the number of deleted elements held
   */
  @Override
  public int tombstones() {
    int dead = PieceTree.elements(tree) - PieceTree.live(tree);
    for (SequencePiece<E> piece : pending) {
      dead += piece.length() - piece.live;
    }
    return dead;
  }

  /** The prefix of the context: a sequence holds the effect of every dot it has seen (its elements, its deletes). */
  @Override
  public VectorClock progress() {
    return context.vectorClock();
  }

  /**
   * This sequence, having also seen {@code seen}: an element held elsewhere under one of those dots counts as
   * removed when merged.
   *
   * @param seen the dots to count as seen
   * @return this sequence with the larger context; {@code this} if it had seen them all
   */
  @Override
  public Sequence<E> withContext(CausalContext seen) {
    CausalContext joined = context.merge(seen);
    return joined.equals(context) ? this : new Sequence<>(tree, pending, parents, joined, true, hint);
  }

  /**
   * Not supported: an element's id is also its position among concurrent siblings (Fugue orders them by id), so
   * renaming a replica's dots would reorder a document. A sequence keeps a retired replica's entries.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Sequence<E> renameReplica(ReplicaId from, ReplicaId to, long offset) {
    throw new UnsupportedOperationException("a Sequence cannot rename replica " + from + ": its element ids order "
        + "concurrent inserts, so renaming them would reorder the document");
  }

  /**
   * Checks the structure this sequence relies on, for tests and law suites (run it after every collection): the
   * tree's counts, runs within bounds, tombstones without values and live elements with one, every id held once and
   * seen, the recorded children, no element whose parent was collected, and the runs in exactly the order the Fugue
   * tree gives (laid out again from the elements and compared). {@code O(n log n)}.
   *
   * @throws IllegalStateException naming the first invariant that does not hold
   */
  @API(status = INTERNAL, since = "0.2")
  public void checkInvariants() {
    SequenceInvariants.check(tree, pending, parents, context);
  }

  /**
   * A sequence taken apart, for codecs and snapshots, not for applications: its runs (document order, then those
   * whose parent it does not hold), its causal context, and whether it may have dropped elements it has seen.
   *
   * @param runs      the runs; each element of a run after the first is the right child of the one before it
   * @param context   every dot the sequence has seen
   * @param dropsSeen whether elements seen but not held were dropped (collected, or counted as seen)
   * @param <E>       the element type
   */
  @API(status = INTERNAL, since = "0.2")
  public record Parts<E>(List<Run<E>> runs, CausalContext context, boolean dropsSeen) {}

  /**
   * A run of elements minted by one replica with consecutive counters.
   *
   * @param first     the id of the first element
   * @param parent    the Fugue parent of the first element; {@code null} for the root
   * @param leftChild whether the first element is a left child of its parent
   * @param values    one value per element; {@code null} for a deleted one
   * @param deletedBy one delete dot per element ({@code null} for a live one), or an empty list when all are live
   * @param <E>       the element type
   */
  @API(status = INTERNAL, since = "0.2")
  public record Run<E>(Dot first, @Nullable Dot parent, boolean leftChild, List<@Nullable E> values,
      List<@Nullable Dot> deletedBy) {}

  /**
   * This sequence taken apart; see {@link Parts}.
   *
   * @return the parts; {@code Sequence.fromParts(s.parts())} equals {@code s}
   */
  @API(status = INTERNAL, since = "0.2")
  public Parts<E> parts() {
    List<Run<E>> runs = new ArrayList<>(PieceTree.pieces(tree) + pending.size());
    forEachPiece(piece -> runs.add(runOf(piece)));
    return new Parts<>(Collections.unmodifiableList(runs), context, dropsSeen);
  }

  private static <E> Run<E> runOf(SequencePiece<E> piece) {
    List<@Nullable E> values = new ArrayList<>(piece.length());
    List<@Nullable Dot> deleted = piece.live == piece.length() ? List.of() : new ArrayList<>(piece.length());
    for (int i = 0; i < piece.length(); i++) {
      values.add(piece.value(i));
      if (piece.live != piece.length()) {
        deleted.add(piece.deletedBy(i));
      }
    }
    return new Run<>(piece.first, piece.parent, piece.leftChild, Collections.unmodifiableList(values),
        Collections.unmodifiableList(deleted));
  }

  /**
   * The sequence rebuilt from its parts, after checking that they make a valid state: for codecs and snapshots. The
   * order of the runs does not matter; the tree gives it.
   *
   * @param parts what {@link #parts()} returned, or a decoder read
   * @param <E>   the element type
   * @return the sequence
   * @throws IllegalArgumentException if a run is empty or longer than {@value SequencePiece#MAX_LENGTH}, its delete
   *     list is neither empty nor one per value, a live element has no value or a deleted one has one, an id is held
   *     twice or beyond the context, a delete dot is beyond the context, a run names itself as parent or is on a
   *     cycle of parents, names a parent the context has seen but the state does not hold, or a child of the root
   *     is a left child
   * @throws NullPointerException if a part or a run is null
   */
  @API(status = INTERNAL, since = "0.2")
  public static <E> Sequence<E> fromParts(Parts<E> parts) {
    Objects.requireNonNull(parts, "parts");
    CausalContext context = Objects.requireNonNull(parts.context(), "Sequence context");
    List<SequenceElement> elements = new ArrayList<>();
    Set<Dot> held = new HashSet<>();
    for (Run<E> run : Objects.requireNonNull(parts.runs(), "Sequence runs")) {
      SequencePiece.unpack(checked(Objects.requireNonNull(run, "Sequence run"), context), e -> {
        if (!held.add(e.id())) {
          throw new IllegalArgumentException("Sequence: element " + e.id() + " is held twice");
        }
        elements.add(e);
      });
    }
    Sequence<E> sequence = fromElements(elements, context, parts.dropsSeen());
    Dot cycle = SequenceInvariants.cycleAmong(sequence.pending);
    if (cycle != null) {
      throw new IllegalArgumentException("Sequence: element " + cycle + " is on a cycle of parents");
    }
    for (SequencePiece<E> waiting : sequence.pending) {
      // A state that has seen an element holds it, unless it collected it, and a collected one has no children.
      if (waiting.parent != null && !held.contains(waiting.parent) && context.contains(waiting.parent)) {
        throw new IllegalArgumentException("Sequence: element " + waiting.first + " names its parent "
            + waiting.parent + ", which the context has seen but the state does not hold");
      }
    }
    return sequence;
  }

  private static <E> SequencePiece<E> checked(Run<E> run, CausalContext context) {
    Dot first = Objects.requireNonNull(run.first(), "Sequence run id");
    int length = run.values().size();
    if (length == 0 || length > SequencePiece.MAX_LENGTH) {
      throw new IllegalArgumentException("Sequence: run " + first + " holds " + length + " elements, not 1 to "
          + SequencePiece.MAX_LENGTH);
    }
    if (first.counter() > Long.MAX_VALUE - length) {
      throw new IllegalArgumentException("Sequence: run " + first + " of " + length + " overflows its counters");
    }
    List<@Nullable Dot> deletes = run.deletedBy();
    if (!deletes.isEmpty() && deletes.size() != length) {
      throw new IllegalArgumentException("Sequence: run " + first + " has " + deletes.size() + " delete dots for "
          + length + " elements");
    }
    if (run.parent() == null && run.leftChild()) {
      throw new IllegalArgumentException("Sequence: run " + first + " is a left child of the root");
    }
    Dot parent = run.parent();
    if (parent != null && parent.replica().equals(first.replica()) && parent.counter() >= first.counter()
        && parent.counter() < first.counter() + length) {
      throw new IllegalArgumentException("Sequence: run " + first + " names its own element " + parent
          + " as parent");
    }
    Object[] values = new Object[length];
    Dot[] deleted = deletes.isEmpty() ? null : new Dot[length];
    for (int i = 0; i < length; i++) {
      Dot id = Dot.of(first.replica(), first.counter() + i);
      if (!context.contains(id)) {
        throw new IllegalArgumentException("Sequence: element " + id + " is beyond the context");
      }
      Dot delete = deleted == null ? null : deletes.get(i);
      Object value = run.values().get(i);
      if (delete != null && !context.contains(delete)) {
        throw new IllegalArgumentException("Sequence: element " + id + " is deleted by " + delete
            + ", beyond the context");
      }
      if ((delete == null) == (value == null)) {
        throw new IllegalArgumentException("Sequence: element " + id + (delete == null ? " is live without a value"
            : " is deleted but keeps a value"));
      }
      values[i] = value;
      if (deleted != null) {
        deleted[i] = delete;
      }
    }
    return new SequencePiece<>(first, parent, run.leftChild(), values,
        deleted == null || Arrays.stream(deleted).allMatch(Objects::isNull) ? null : deleted);
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
    forEachPiece(piece -> SequencePiece.unpack(piece, action));
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
