package io.crdtkit.laws.types;

import io.crdtkit.clock.Dot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The strong list specification's order (Attiya, Burckhardt, Gotsman, Morrison, Yang and Zawirski, <em>Specification
 * and Complexity of Collaborative Text Editing</em>, PODC 2016, §3): one total order of all elements ever inserted
 * such that every list any replica ever showed lists its elements in that order. Each observed list adds an edge
 * between each two consecutive elements; such an order exists iff the edges of every observation together have no
 * cycle, and a cycle names two replicas (or two moments) that ordered the same elements differently.
 */
final class OrderGraph {

  private final Map<Dot, Set<Dot>> successors = new HashMap<>();
  // Where each edge was first seen, for the report: the edge (a, b) is keyed "a b".
  private final Map<String, String> seenAt = new HashMap<>();

  /** Adds the order of one observed list; {@code where} says whose and when, for the report. */
  void observe(List<Dot> ids, String where) {
    for (int i = 0; i + 1 < ids.size(); i++) {
      Dot from = ids.get(i);
      Dot to = ids.get(i + 1);
      if (successors.computeIfAbsent(from, any -> new LinkedHashSet<>()).add(to)) {
        seenAt.put(from + " " + to, where + ": " + window(ids, i));
      }
    }
  }

  /** A cycle of the edges, described edge by edge with where each was observed; empty if there is none. */
  Optional<String> cycle() {
    Map<Dot, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
    for (Dot start : successors.keySet()) {
      if (state.containsKey(start)) {
        continue;
      }
      // Iterative depth-first search; the path keeps the nodes on the stack, in order.
      Deque<Iterator<Dot>> stack = new ArrayDeque<>();
      List<Dot> path = new ArrayList<>();
      state.put(start, 1);
      path.add(start);
      stack.push(successors.getOrDefault(start, Set.of()).iterator());
      while (!stack.isEmpty()) {
        Iterator<Dot> next = stack.peek();
        if (!next.hasNext()) {
          stack.pop();
          state.put(path.remove(path.size() - 1), 2);
          continue;
        }
        Dot to = next.next();
        Integer seen = state.get(to);
        if (seen == null) {
          state.put(to, 1);
          path.add(to);
          stack.push(successors.getOrDefault(to, Set.of()).iterator());
        } else if (seen == 1) {
          List<Dot> cycle = new ArrayList<>(path.subList(path.indexOf(to), path.size()));
          cycle.add(to);
          return Optional.of(describe(cycle));
        }
      }
    }
    return Optional.empty();
  }

  private String describe(List<Dot> cycle) {
    StringBuilder text = new StringBuilder("no single order of the elements agrees with every list observed: "
        + cycle + " is a cycle of 'observed right before'");
    Map<String, String> edges = new LinkedHashMap<>();
    for (int i = 0; i + 1 < cycle.size(); i++) {
      String edge = cycle.get(i) + " " + cycle.get(i + 1);
      edges.put(cycle.get(i) + " before " + cycle.get(i + 1), seenAt.get(edge));
    }
    edges.forEach((edge, where) -> text.append("\n      ").append(edge).append(", seen at ").append(where));
    return text.toString();
  }

  /** The observed list around position {@code i}, short enough for a report. */
  private static String window(List<Dot> ids, int i) {
    int from = Math.max(0, i - 3);
    int to = Math.min(ids.size(), i + 5);
    return (from > 0 ? "[... " : "[") + String.join(" ", ids.subList(from, to).stream().map(Dot::toString).toList())
        + (to < ids.size() ? " ...]" : "]") + " (" + ids.size() + " live)";
  }
}
