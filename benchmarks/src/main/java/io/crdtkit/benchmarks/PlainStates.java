package io.crdtkit.benchmarks;

import io.vavr.Tuple;
import io.vavr.Tuple2;

/**
 * The practical limits: the collections a Java user would pick to do the same work without any CRDT metadata,
 * {@code java.util.HashSet}/{@code HashMap} (mutable) and Vavr's {@code HashSet}/{@code HashMap} (persistent, what
 * crdtkit builds on). They cannot merge a remove, so their "merge" is a union.
 */
final class PlainStates {

  private PlainStates() {}

  static java.util.HashSet<String> javaSet(String[] elements) {
    return new java.util.HashSet<>(java.util.Arrays.asList(elements));
  }

  static io.vavr.collection.HashSet<String> vavrSet(String[] elements) {
    return io.vavr.collection.HashSet.of(elements);
  }

  static java.util.HashMap<String, String> javaMap(String[] keys, String[] values) {
    java.util.HashMap<String, String> map = new java.util.HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      map.put(keys[i], values[i]);
    }
    return map;
  }

  static io.vavr.collection.HashMap<String, String> vavrMap(String[] keys, String[] values) {
    io.vavr.collection.HashMap<String, String> map = io.vavr.collection.HashMap.empty();
    for (int i = 0; i < keys.length; i++) {
      map = map.put(keys[i], values[i]);
    }
    return map;
  }

  /** Two copies of a set after each side of {@code divergence} (removes included: what each side holds). */
  static Tuple2<io.vavr.collection.HashSet<String>, io.vavr.collection.HashSet<String>> diverged(
      io.vavr.collection.HashSet<String> base, Divergence divergence) {
    return Tuple.of(
        base.addAll(java.util.Arrays.asList(divergence.leftAdds()))
            .removeAll(java.util.Arrays.asList(divergence.leftChanges())),
        base.addAll(java.util.Arrays.asList(divergence.rightAdds()))
            .removeAll(java.util.Arrays.asList(divergence.rightChanges())));
  }

  /** Two copies of a map after each side of {@code divergence}, as the LWWMap fixtures do it. */
  static Tuple2<io.vavr.collection.HashMap<String, String>, io.vavr.collection.HashMap<String, String>> diverged(
      io.vavr.collection.HashMap<String, String> base, Divergence divergence) {
    return Tuple.of(apply(base, divergence.leftAdds(), divergence.leftChanges()),
        apply(base, divergence.rightAdds(), divergence.rightChanges()));
  }

  private static io.vavr.collection.HashMap<String, String> apply(
      io.vavr.collection.HashMap<String, String> base, String[] adds, String[] changes) {
    io.vavr.collection.HashMap<String, String> map = base;
    for (String key : adds) {
      map = map.put(key, "new-" + key);
    }
    for (int i = 0; i < changes.length; i++) {
      map = i % 2 == 0 ? map.put(changes[i], "changed-" + changes[i]) : map.remove(changes[i]);
    }
    return map;
  }
}
