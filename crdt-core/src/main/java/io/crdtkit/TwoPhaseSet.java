package io.crdtkit;

import static org.apiguardian.api.API.Status.STABLE;

import io.vavr.collection.Set;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A two-phase set: an element can be added, then removed, and once removed it can never come back. Two grow-only
 * sets, of added and of removed elements; present means added and not removed.
 *
 * <pre>{@code
 * TwoPhaseSet<String> s = TwoPhaseSet.<String>empty().add("ticket-7").remove("ticket-7");
 * s.add("ticket-7").contains("ticket-7") == false      // removed for good
 * }</pre>
 *
 * <p><b>Metadata.</b> The removed set is the semantics itself ("never again" must be remembered), so it cannot
 * be garbage collected; prefer an {@link ORSet} or {@link RWSet} unless elements are single-use (ids, tickets).
 *
 * @param <E> the element type; elements must be immutable and have value-based equals and hashCode
 */
@API(status = STABLE, since = "0.1")
public final class TwoPhaseSet<E> implements DeltaCrdt<TwoPhaseSet<E>> {

  private static final TwoPhaseSet<?> EMPTY = new TwoPhaseSet<>(GSet.empty(), GSet.empty());

  private final GSet<E> added;
  private final GSet<E> removed;

  private TwoPhaseSet(GSet<E> added, GSet<E> removed) {
    this.added = added;
    this.removed = removed;
  }

  /**
   * The empty set.
   *
   * @param <E> the element type
   * @return the set with no element added or removed
   */
  @SuppressWarnings("unchecked")
  public static <E> TwoPhaseSet<E> empty() {
    return (TwoPhaseSet<E>) EMPTY;
  }

  /**
   * The set with these added and removed elements: for decoders and snapshots.
   *
   * @param added   every element ever added, removed ones included
   * @param removed the removed elements, each among {@code added}
   * @param <E>     the element type
   * @return the set
   * @throws IllegalArgumentException if a removed element is not among the added ones
   */
  public static <E> TwoPhaseSet<E> of(Iterable<E> added, Iterable<E> removed) {
    GSet<E> addedSet = GSet.ofAll(added);
    GSet<E> removedSet = GSet.ofAll(removed);
    for (E element : removedSet.value()) {
      if (!addedSet.contains(element)) {
        throw new IllegalArgumentException("TwoPhaseSet: removed element " + element + " is not among the added ones");
      }
    }
    return new TwoPhaseSet<>(addedSet, removedSet);
  }

  /**
   * This set with {@code element} added; no effect if it was removed before (it stays removed).
   *
   * @param element the element to add; not null
   * @return the set with the element added; {@code this} if it was added before
   */
  public TwoPhaseSet<E> add(E element) {
    return with(added.add(Objects.requireNonNull(element, "TwoPhaseSet element")), removed);
  }

  /**
   * The delta of {@link #add}.
   *
   * @param element the element to add; not null
   * @return the delta: the add of that element alone
   */
  public TwoPhaseSet<E> deltaAdd(E element) {
    return new TwoPhaseSet<>(added.deltaAdd(Objects.requireNonNull(element, "TwoPhaseSet element")), GSet.empty());
  }

  /**
   * This set with {@code element} removed for good.
   *
   * @param element the element to remove; added here before
   * @return the set with the element removed; {@code this} if it was removed before
   * @throws IllegalArgumentException if {@code element} was never added here: removing it would ban it before
   *     it exists, which is almost always a bug (call {@link #add} first to ban an element on purpose)
   */
  public TwoPhaseSet<E> remove(E element) {
    return with(added, removed.add(requireAdded(element)));
  }

  /**
   * The delta of {@link #remove}; the same precondition. It carries the add too, so that every state, even one
   * that only ever received this delta, holds each removed element among the added ones.
   *
   * @param element the element to remove; added here before
   * @return the delta: the add and the remove of that element
   * @throws IllegalArgumentException if {@code element} was never added here
   */
  public TwoPhaseSet<E> deltaRemove(E element) {
    return new TwoPhaseSet<>(added.deltaAdd(requireAdded(element)), removed.deltaAdd(element));
  }

  /**
   * Whether {@code element} is present: added and never removed.
   *
   * @param element any element
   * @return {@code true} if it is present
   */
  public boolean contains(E element) {
    return added.contains(element) && !removed.contains(element);
  }

  /**
   * Whether {@code element} was ever added (it may have been removed since): what {@link #remove} requires.
   *
   * @param element any element
   * @return {@code true} if it was added, here or on a replica whose state was merged here
   */
  public boolean wasAdded(E element) {
    return added.contains(element);
  }

  /**
   * Whether {@code element} was removed, which bars it forever.
   *
   * @param element any element
   * @return {@code true} if it was removed
   */
  public boolean isRemoved(E element) {
    return removed.contains(element);
  }

  /**
   * The present elements.
   *
   * @return the elements added and never removed, as a Vavr set
   */
  public Set<E> value() {
    return added.value().diff(removed.value());
  }

  /**
   * The present elements as an unmodifiable {@code java.util.Set}, for Java code that does not use Vavr. It is a view
   * of {@link #value()}, not a copy of it: {@code size}, {@code contains} and iteration are answered by the Vavr value,
   * and mutators throw {@link UnsupportedOperationException}.
   *
   * @return a view of the value of this state (a later state is another object, and does not change it)
   */
  public java.util.Set<E> valueAsJava() {
    return JavaViews.set(value());
  }

  /**
   * Every element ever added, removed ones included.
   *
   * @return the added elements
   */
  public Set<E> addedElements() {
    return added.value();
  }

  /**
   * The removed elements: kept forever.
   *
   * @return the removed elements
   */
  public Set<E> removedElements() {
    return removed.value();
  }

  @Override
  public TwoPhaseSet<E> merge(TwoPhaseSet<E> other) {
    return with(added.merge(other.added), removed.merge(other.removed));
  }

  @Override
  public boolean isLessOrEqual(TwoPhaseSet<E> other) {
    return added.isLessOrEqual(other.added) && removed.isLessOrEqual(other.removed);
  }

  @Override
  public TwoPhaseSet<E> bottom() {
    return empty();
  }

  private E requireAdded(E element) {
    Objects.requireNonNull(element, "TwoPhaseSet element");
    if (!added.contains(element)) {
      throw new IllegalArgumentException("cannot remove " + element + " from a TwoPhaseSet: it was never added");
    }
    return element;
  }

  private TwoPhaseSet<E> with(GSet<E> newAdded, GSet<E> newRemoved) {
    return newAdded == added && newRemoved == removed ? this : new TwoPhaseSet<>(newAdded, newRemoved);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TwoPhaseSet<?> other && added.equals(other.added) && removed.equals(other.removed);
  }

  @Override
  public int hashCode() {
    return 31 * added.hashCode() + removed.hashCode();
  }

  /** {@code TwoPhaseSet[a] removed[b]}. */
  @Override
  public String toString() {
    return "TwoPhaseSet" + value().mkString("[", ", ", "]") + " removed" + removed.value().mkString("[", ", ", "]");
  }
}
