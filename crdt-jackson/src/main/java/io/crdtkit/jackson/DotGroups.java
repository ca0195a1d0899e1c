package io.crdtkit.jackson;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.vavr.Tuple2;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JavaType;

/**
 * Dot groups (FORMAT.md, "Building blocks"): how every causal type writes its dots, each with what it carries.
 *
 * <pre>{@code [[r, step, payload..., step, payload...], [r, step, payload...], ...]}</pre>
 *
 * <p>One group per replica, in table order; within a group each counter is its step from the previous one (the
 * first from 0). Dots are unique within a state, so writing in dot order is canonical without comparing user
 * values, and a run of updates by one replica costs a byte per dot in Smile. Reading requires steps of at least
 * 1 and each replica once, so no dot can appear twice.
 */
final class DotGroups {

  private DotGroups() {}

  /** Writes what one dot carries. */
  @FunctionalInterface
  interface PayloadWriter<P> {
    void write(P payload, WireWriter out);
  }

  /** Reads what one dot carries; the reader is on the dot's counter step. */
  @FunctionalInterface
  interface PayloadReader {
    void read(Dot dot, WireReader in);
  }

  /**
   * Writes the dot groups of {@code sortedByDot}, each dot with its payload, in dot order.
   *
   * @param payload writes what a dot carries; {@code null} when dots carry nothing
   */
  static <P> void write(WireWriter out, Iterator<Tuple2<Dot, P>> sortedByDot, @Nullable PayloadWriter<P> payload) {
    out.generator().writeStartArray();
    @Nullable ReplicaId group = null;
    long previous = 0;
    while (sortedByDot.hasNext()) {
      Tuple2<Dot, P> entry = sortedByDot.next();
      Dot dot = entry._1;
      if (!dot.replica().equals(group)) {
        if (group != null) {
          out.generator().writeEndArray();
        }
        out.generator().writeStartArray();
        out.replica(dot.replica());
        group = dot.replica();
        previous = 0;
      }
      out.number(dot.counter() - previous);
      previous = dot.counter();
      if (payload != null) {
        payload.write(entry._2, out);
      }
    }
    if (group != null) {
      out.generator().writeEndArray();
    }
    out.generator().writeEndArray();
  }

  /** Writes the dots alone, without payload. */
  static void writeDots(WireWriter out, Iterable<Dot> sortedDots) {
    write(out, io.vavr.collection.Iterator.ofAll(sortedDots).map(dot -> new Tuple2<Dot, @Nullable Object>(dot, null)),
        null);
  }

  /** Each owner (an element, a value) under each of its dots, in dot order: the order groups are written in. */
  static <E> Iterator<Tuple2<Dot, E>> byDot(io.vavr.collection.Map<E, ? extends Iterable<Dot>> owners) {
    TreeMap<Dot, E> ordered = new TreeMap<>();
    for (Tuple2<E, ? extends Iterable<Dot>> owner : owners) {
      for (Dot dot : owner._2) {
        ordered.put(dot, owner._1);
      }
    }
    return io.vavr.collection.Iterator.ofAll(ordered.entrySet()).map(e -> new Tuple2<>(e.getKey(), e.getValue()));
  }

  /** Reads dot groups starting at the current token, handing each dot to {@code payload}. */
  static void read(WireReader in, String what, PayloadReader payload) {
    in.expect(JsonToken.START_ARRAY, what);
    @Nullable ReplicaId previous = null;
    while (in.nextItem()) {
      in.expect(JsonToken.START_ARRAY, "a dot group in " + what);
      in.advance();
      ReplicaId replica = in.replica("the replica of a dot group in " + what);
      if (previous != null && replica.compareTo(previous) <= 0) {
        throw in.error("the dot groups of " + what + " must be in ascending replica order, one per replica");
      }
      previous = replica;
      long counter = 0;
      boolean any = false;
      while (in.nextItem()) {
        counter += in.integer("a counter step in " + what, 1, Long.MAX_VALUE - counter);
        payload.read(Dot.of(replica, counter), in);
        any = true;
      }
      if (!any) {
        throw in.error("a dot group in " + what + " holds no dot");
      }
    }
  }

  /** Reads dot groups without payload: the dots alone, in dot order. */
  static List<Dot> readDots(WireReader in, String what) {
    List<Dot> dots = new ArrayList<>();
    read(in, what, (dot, reader) -> dots.add(dot));
    return dots;
  }

  /**
   * Reads dot groups whose payload is one value of the user's type: each value with its dots. A value held under
   * several dots (concurrent adds) appears once per dot on the wire.
   */
  static <E> Map<E, List<Dot>> readOwners(WireReader in, String what, JavaType type) {
    Map<E, List<Dot>> owners = new LinkedHashMap<>();
    read(in, what, (dot, reader) -> {
      reader.advance();
      E owner = reader.value(type, "a value in " + what);
      owners.computeIfAbsent(owner, any -> new ArrayList<>(1)).add(dot);
    });
    return owners;
  }
}
