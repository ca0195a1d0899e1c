package io.crdtkit.site;

import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Values as the timelines show them: sets and maps sorted, so that a picture does not depend on hash order. */
final class Show {

  private Show() {}

  static String set(Set<?> set) {
    return set.toJavaStream().map(String::valueOf).sorted().collect(Collectors.joining(", ", "{", "}"));
  }

  static <K, V> String map(Map<K, V> map, Function<V, ?> value) {
    return map.toJavaStream().map(entry -> entry._1 + "=" + value.apply(entry._2)).sorted()
        .collect(Collectors.joining(", ", "{", "}"));
  }

  static String option(Option<?> option) {
    return option.map(String::valueOf).getOrElse("none");
  }

  static String flag(boolean on) {
    return on ? "on" : "off";
  }
}
