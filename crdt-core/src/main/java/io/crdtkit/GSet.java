package io.crdtkit;

import static org.apiguardian.api.API.Status.STABLE;

import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A grow-only set: elements are added and never removed; merge is union.
 *
 * <pre>{@code
 * GSet<String> a = GSet.<String>empty().add("x");
 * a.merge(GSet.<String>empty().add("y")).value() -> {x, y}
 * }</pre>
 *
 * <p><b>Metadata.</b> None: the state is exactly the elements.
 *
 * @param <E> the element type; elements must be immutable and have value-based equals and hashCode
 */
@API(status = STABLE, since = "0.1")
public final class GSet<E> implements DeltaCrdt<GSet<E>> {

  private static final GSet<?> EMPTY = new GSet<>(HashSet.empty());

  private final Set<E> elements;

  private GSet(Set<E> elements) {
    this.elements = elements;
  }

  /**
   * The empty set.
   *
   * @param <E> the element type
   * @return the set with no element
   */
  @SuppressWarnings("unchecked")
  public static <E> GSet<E> empty() {
    return (GSet<E>) EMPTY;
  }

  /**
   * The set of these elements.
   *
   * @param elements the elements; not null
   * @param <E>      the element type
   * @return the set
   */
  @SafeVarargs
  public static <E> GSet<E> of(E... elements) {
    return ofAll(java.util.Arrays.asList(elements));
  }

  /**
   * The set of these elements.
   *
   * @param elements the elements; not null
   * @param <E>      the element type
   * @return the set
   */
  public static <E> GSet<E> ofAll(Iterable<E> elements) {
    GSet<E> set = empty();
    for (E element : elements) {
      set = set.add(element);
    }
    return set;
  }

  /**
   * This set with {@code element}.
   *
   * @param element the element to add; not null
   * @return the larger set; {@code this} if the element was already there
   */
  public GSet<E> add(E element) {
    Set<E> added = elements.add(Objects.requireNonNull(element, "GSet element"));
    return added == elements ? this : new GSet<>(added);
  }

  /**
   * The delta of {@link #add}: the element alone.
   *
   * @param element the element to add; not null
   * @return the delta, a set of that element only
   */
  public GSet<E> deltaAdd(E element) {
    return GSet.<E>empty().add(element);
  }

  /**
   * Whether {@code element} was added.
   *
   * @param element any element
   * @return {@code true} if it is in the set
   */
  public boolean contains(E element) {
    return elements.contains(element);
  }

  /**
   * The elements.
   *
   * @return the set's elements, as a Vavr set
   */
  public Set<E> value() {
    return elements;
  }

  /**
   * The elements as an unmodifiable {@code java.util.Set}, for Java code that does not use Vavr. It is a view of {@link
   * #value()}, not a copy of it: {@code size}, {@code contains} and iteration are answered by the Vavr value, and
   * mutators throw {@link UnsupportedOperationException}.
   *
   * @return a view of the value of this state (a later state is another object, and does not change it)
   */
  public java.util.Set<E> valueAsJava() {
    return JavaViews.set(value());
  }

  /**
   * The number of elements.
   *
   * @return how many elements were added
   */
  public int size() {
    return elements.size();
  }

  @Override
  public GSet<E> merge(GSet<E> other) {
    if (other.elements.isEmpty() || other == this) {
      return this;
    }
    if (elements.isEmpty()) {
      return other;
    }
    Set<E> union = elements.union(other.elements);
    return union.size() == elements.size() ? this : new GSet<>(union);
  }

  @Override
  public boolean isLessOrEqual(GSet<E> other) {
    return other.elements.containsAll(elements);
  }

  @Override
  public GSet<E> bottom() {
    return empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GSet<?> other && elements.equals(other.elements);
  }

  @Override
  public int hashCode() {
    return elements.hashCode();
  }

  /** {@code GSet[x, y]}. */
  @Override
  public String toString() {
    return "GSet" + elements.mkString("[", ", ", "]");
  }
}
