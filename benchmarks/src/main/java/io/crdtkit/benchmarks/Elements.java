package io.crdtkit.benchmarks;

/**
 * The elements (and map keys and values) of every benchmark: the same {@code String} instances for every
 * implementation, so that no side pays for hashing or allocating them differently. Their hash codes are computed
 * up front (a {@code String} caches it), as they would be in a long-running application.
 */
final class Elements {

  /** How many distinct fresh elements a benchmark cycles through: enough to defeat caching of one result. */
  static final int FRESH = 1024;

  private Elements() {}

  /** {@code "item-" + i} for {@code i} in {@code [first, first + count)}. */
  static String[] items(int first, int count) {
    return named("item-", first, count);
  }

  /** {@code "value-" + i}, the values written under map keys. */
  static String[] values(int first, int count) {
    return named("value-", first, count);
  }

  /** Elements that no fixture holds: what an add benchmark adds. */
  static String[] fresh() {
    return named("fresh-", 0, FRESH);
  }

  private static String[] named(String prefix, int first, int count) {
    String[] names = new String[count];
    for (int i = 0; i < count; i++) {
      names[i] = prefix + (first + i);
      names[i].hashCode();
    }
    return names;
  }
}
