package io.crdtkit.jackson;

import io.crdtkit.Sequence;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JavaType;

/**
 * Reads a {@link SequenceCodec} body. Every integer is checked as it comes (ranges, counters that stay positive),
 * the elements a run's length claims are counted against {@link CodecLimits#maxElements()} before anything is
 * allocated for them, and the columns are checked against each other at the end (as many values as live elements,
 * ranges of tombstones within the elements, no cycle of parents) before the state is
 * built through {@link Sequence#fromParts}, whose refusals become {@link CrdtDecodeException}s too.
 */
final class SequenceDecoder<E> implements BodyCodec.Decoder<Sequence<E>> {

  /** A run as read: everything but its values and deletes, which other fields give. */
  private record RunHead(Dot first, @Nullable Dot parent, int placement, int length) {}

  /**
   * A range of tombstones: from {@code start}, {@code count} elements deleted by {@code (r, c0 + k * step)}, where
   * {@code c0} is the first tombstone's counter plus {@code distance}, and {@code r} its replica if {@code null}.
   */
  private record DeletedRange(long start, long count, @Nullable ReplicaId replica, long distance, long step) {}

  private final JavaType elementType;
  private final List<RunHead> runs = new ArrayList<>();
  private long elements;
  private @Nullable List<String> text;
  private final List<long[]> surrogates = new ArrayList<>();   // {position among the live values, code unit}
  private @Nullable List<E> values;
  private final List<DeletedRange> deleted = new ArrayList<>();
  private CausalContext context = CausalContext.empty();
  private boolean dropsSeen;
  private String runsPointer = "";
  private String valuesPointer = "";
  private String deletedPointer = "";

  SequenceDecoder(JavaType elementType) {
    this.elementType = elementType;
  }

  @Override
  public void read(String field, WireReader in) {
    switch (field) {
      case "runs" -> readRuns(in);
      case "text" -> readText(in);
      case "surrogates" -> readSurrogates(in);
      case "values" -> readValues(in);
      case "deleted" -> readDeleted(in);
      case "dropsSeen" -> dropsSeen = in.bool("dropsSeen");
      default -> context = in.body(CausalContextCodec.INSTANCE);
    }
  }

  private void readRuns(WireReader in) {
    runsPointer = in.pointer();
    in.expect(JsonToken.START_ARRAY, "the runs");
    ReplicaId previous = null;
    while (in.nextItem()) {
      in.expect(JsonToken.START_ARRAY, "a group of runs");
      in.advance();
      ReplicaId replica = in.replica("the replica of a group of runs");
      if (previous != null && replica.compareTo(previous) <= 0) {
        throw in.error("the groups of runs must be in ascending replica order, one per replica");
      }
      previous = replica;
      long cursor = 1;
      boolean any = false;
      while (in.nextItem()) {
        RunHead run = readRun(in, replica, cursor);
        runs.add(run);
        cursor = SequenceRuns.after(run.first().counter() + run.length() - 1);
        any = true;
      }
      if (!any) {
        throw in.error("a group of runs holds no run");
      }
    }
  }

  private RunHead readRun(WireReader in, ReplicaId replica, long cursor) {
    long head = in.integer("the head of a run (5 × (length − 1) + placement)", 0, Integer.MAX_VALUE);
    int length = (int) (head / SequenceRuns.PLACEMENTS) + 1;
    int placement = (int) (head % SequenceRuns.PLACEMENTS);
    in.countItems(length, "the elements of a run of " + replica);
    elements += length;
    in.advance();
    long first = cursor + in.integer("the counter step of a run of " + replica, 0, Long.MAX_VALUE - cursor);
    if (first > Long.MAX_VALUE - length) {
      throw in.error("the ids of a run of " + length + " from " + Dot.of(replica, first) + " overflow their counters");
    }
    Dot parent = null;
    if (placement == SequenceRuns.RIGHT_OF_OWN || placement == SequenceRuns.LEFT_OF_OWN) {
      in.advance();
      parent = Dot.of(replica, first - in.integer("the distance back to the parent of a run", 1, first - 1));
    } else if (placement != SequenceRuns.UNDER_ROOT) {
      in.advance();
      ReplicaId parentReplica = in.replica("the replica of the parent of a run");
      in.advance();
      parent = Dot.of(parentReplica, in.integer("the counter of the parent of a run", 1, Long.MAX_VALUE));
    }
    return new RunHead(Dot.of(replica, first), parent, placement, length);
  }

  private void readText(WireReader in) {
    valuesPointer = in.pointer();
    if (!SequenceCodec.admitsCharacters(elementType)) {
      throw in.error("\"text\" holds characters, but the elements are " + elementType.getRawClass().getTypeName()
          + "; such a sequence writes \"values\"");
    }
    in.expect(JsonToken.START_ARRAY, "the text");
    List<String> chunks = new ArrayList<>();
    while (in.nextItem()) {
      in.expect(JsonToken.VALUE_STRING, "a string of the text");
      chunks.add(in.parser().getString());
    }
    text = chunks;
  }

  private void readSurrogates(WireReader in) {
    in.expect(JsonToken.START_ARRAY, "the unpaired surrogates");
    long position = -1;
    long limit = in.session().limits().maxElements();
    while (in.nextItem()) {
      position += 1 + in.integer("the step to an unpaired surrogate's position", 0, limit);
      if (position >= limit) {
        throw in.error("an unpaired surrogate is past element " + limit + " (CodecLimits.maxElements)");
      }
      in.advance();
      surrogates.add(new long[] {position, in.integer("an unpaired surrogate", 0xD800, 0xDFFF)});
    }
  }

  private void readValues(WireReader in) {
    valuesPointer = in.pointer();
    in.expect(JsonToken.START_ARRAY, "the values");
    List<E> read = new ArrayList<>();
    while (in.nextItem()) {
      read.add(in.value(elementType, "a value of the sequence"));
    }
    values = read;
  }

  private void readDeleted(WireReader in) {
    deletedPointer = in.pointer();
    in.expect(JsonToken.START_ARRAY, "the deleted ranges");
    long end = 0;
    long limit = in.session().limits().maxElements();
    while (in.nextItem()) {
      long start = end + in.integer("the gap before a range of tombstones", 0, limit);
      in.advance();
      long signed = in.integer("the length of a range of tombstones", -limit, limit);
      long count = Math.abs(signed);
      if (count == 0 || start + count > limit) {
        throw in.error(count == 0 ? "a range of tombstones is empty"
            : "the tombstones reach past element " + limit + " (CodecLimits.maxElements)");
      }
      ReplicaId replica = null;
      if (signed < 0) {
        in.advance();
        replica = in.replica("the replica that deleted a range of tombstones");
      }
      in.advance();
      long distance = in.integer("the distance from a tombstone's id to its delete dot", -Long.MAX_VALUE,
          Long.MAX_VALUE);
      long step = 0;
      if (count > 1) {
        in.advance();
        step = in.integer("the counter step between the delete dots of a range", -Long.MAX_VALUE, Long.MAX_VALUE);
      }
      deleted.add(new DeletedRange(start, count, replica, distance, step));
      end = start + count;
    }
  }

  @Override
  public Sequence<E> build(WireReader in) {
    if (text != null && values != null) {
      throw in.errorAt(valuesPointer, "a Sequence has \"text\" or \"values\", not both", null);
    }
    if (!surrogates.isEmpty() && text == null) {
      throw in.errorAt(valuesPointer, "a Sequence has \"surrogates\" only beside a \"text\"", null);
    }
    int total = (int) elements;                       // at most CodecLimits.maxElements, counted while reading
    Dot[] deletes = deletesByPosition(in, total);
    long tombstones = deleted.stream().mapToLong(DeletedRange::count).sum();
    List<@Nullable E> all = liveValuesAmong(in, deletes, total - tombstones);
    Dot cycle = SequenceRuns.cycle(runs.stream().map(RunHead::first).toList(),
        runs.stream().mapToInt(RunHead::length).toArray(), runs.stream().map(RunHead::parent).toList());
    if (cycle != null) {
      throw in.errorAt(runsPointer, "the run from " + cycle + " descends from itself: its parents form a cycle", null);
    }
    List<Sequence.Run<E>> parts = new ArrayList<>();
    int position = 0;
    for (RunHead run : runs) {
      boolean leftChild = run.placement() == SequenceRuns.LEFT_OF_OWN || run.placement() == SequenceRuns.LEFT_OF_OTHER;
      SequenceRuns.cut(run.first(), run.parent(), leftChild, all.subList(position, position + run.length()),
          Arrays.asList(deletes).subList(position, position + run.length()), parts);
      position += run.length();
    }
    return in.build(runsPointer, "Sequence", () -> Sequence.fromParts(new Sequence.Parts<>(parts, context,
        dropsSeen)));
  }

  private Dot[] deletesByPosition(WireReader in, int total) {
    Dot[] deletes = new Dot[total];
    int run = 0;
    long runStart = 0;
    for (DeletedRange range : deleted) {
      if (range.start() + range.count() > total) {
        throw in.errorAt(deletedPointer, "a range of tombstones ends at element " + (range.start() + range.count())
            + ", but the runs hold " + total, null);
      }
      while (range.start() >= runStart + runs.get(run).length()) {   // ranges come in element order
        runStart += runs.get(run).length();
        run++;
      }
      Dot tombstone = runs.get(run).first();
      long id = tombstone.counter() + range.start() - runStart;
      ReplicaId replica = range.replica() == null ? tombstone.replica() : range.replica();
      try {
        long first = Math.addExact(id, range.distance());
        long last = Math.addExact(first, Math.multiplyExact(range.count() - 1, range.step()));
        if (first < 1 || last < 1) {
          throw new ArithmeticException();
        }
        for (long k = 0; k < range.count(); k++) {
          deletes[(int) (range.start() + k)] = Dot.of(replica, first + k * range.step());
        }
      } catch (ArithmeticException e) {
        throw in.errorAt(deletedPointer, "the delete dots of the range of tombstones from element " + range.start()
            + " have counters out of 1 to " + Long.MAX_VALUE, null);
      }
    }
    return deletes;
  }

  /** One entry per element: its value if live, {@code null} if deleted. */
  @SuppressWarnings("unchecked")
  private List<@Nullable E> liveValuesAmong(WireReader in, Dot[] deletes, long live) {
    List<E> given;
    if (text != null) {
      long length = text.stream().mapToLong(String::length).sum() + surrogates.size();
      if (length != live) {
        throw in.errorAt(valuesPointer, "the text has " + length + " characters for " + live + " live elements",
            null);
      }
      List<Object> characters = new ArrayList<>((int) length);
      int unpaired = 0;
      for (String chunk : text) {
        for (int i = 0; i < chunk.length(); i++) {
          while (unpaired < surrogates.size() && surrogates.get(unpaired)[0] == characters.size()) {
            characters.add((char) surrogates.get(unpaired++)[1]);
          }
          characters.add(chunk.charAt(i));
        }
      }
      while (unpaired < surrogates.size() && surrogates.get(unpaired)[0] == characters.size()) {
        characters.add((char) surrogates.get(unpaired++)[1]);
      }
      if (unpaired < surrogates.size()) {
        throw in.errorAt(valuesPointer, "an unpaired surrogate is past the end of the text", null);
      }
      given = (List<E>) characters;
    } else {
      given = values == null ? List.of() : values;
      if (given.size() != live) {
        throw in.errorAt(valuesPointer.isEmpty() ? runsPointer : valuesPointer, "the sequence has " + given.size()
            + " values for " + live + " live elements", null);
      }
    }
    List<@Nullable E> all = new ArrayList<>(deletes.length);
    int next = 0;
    for (Dot delete : deletes) {
      all.add(delete == null ? given.get(next++) : null);
    }
    return all;
  }
}
