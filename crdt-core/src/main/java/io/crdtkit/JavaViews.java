package io.crdtkit;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Unmodifiable {@code java.util} views of Vavr values, for the {@code valueAsJava()} methods: nothing is copied, and
 * each question ({@code size}, {@code contains}, {@code get}) is answered by the Vavr value. Vavr 1.0 offers such a
 * view for sequences only ({@code Seq.asJava()}); its {@code toJavaSet()} and {@code toJavaMap()} copy.
 *
 * <p>Mutators throw {@link UnsupportedOperationException} (the values are immutable), as do the views' iterators'
 * {@code remove} and their entries' {@code setValue}. Equality and hash codes are those of {@link java.util.Set} and
 * {@link java.util.Map}, so a view equals any Java set or map with the same elements or entries.
 */
final class JavaViews {

  private JavaViews() {}

  /** An unmodifiable {@link java.util.Set} view of {@code set}. */
  static <E> java.util.Set<E> set(io.vavr.collection.Set<E> set) {
    return new SetView<>(set);
  }

  /** An unmodifiable {@link java.util.Map} view of {@code map}. */
  static <K, V> java.util.Map<K, V> map(io.vavr.collection.Map<K, V> map) {
    return new MapView<>(map);
  }

  private static final class SetView<E> extends AbstractSet<E> {

    private final io.vavr.collection.Set<E> set;

    SetView(io.vavr.collection.Set<E> set) {
      this.set = Objects.requireNonNull(set, "set");
    }

    @Override
    public int size() {
      return set.size();
    }

    @SuppressWarnings("unchecked")
    @Override
    public boolean contains(Object o) {
      return set.contains((E) o);
    }

    @Override
    public Iterator<E> iterator() {
      // Vavr's iterators refuse remove()
      return set.iterator();
    }
  }

  private static final class MapView<K, V> extends AbstractMap<K, V> {

    private final io.vavr.collection.Map<K, V> map;

    MapView(io.vavr.collection.Map<K, V> map) {
      this.map = Objects.requireNonNull(map, "map");
    }

    @Override
    public int size() {
      return map.size();
    }

    @SuppressWarnings("unchecked")
    @Override
    public boolean containsKey(Object key) {
      return map.containsKey((K) key);
    }

    @SuppressWarnings("unchecked")
    @Override
    public @Nullable V get(Object key) {
      return map.get((K) key).getOrNull();
    }

    @Override
    public java.util.Set<Entry<K, V>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return map.size();
        }

        @Override
        public Iterator<Entry<K, V>> iterator() {
          return map.iterator().<Entry<K, V>>map(entry -> new SimpleImmutableEntry<>(entry._1, entry._2));
        }
      };
    }
  }
}
