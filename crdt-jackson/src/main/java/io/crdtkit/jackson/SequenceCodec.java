package io.crdtkit.jackson;

import io.crdtkit.Sequence;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * A list (FORMAT.md, "Sequence"), laid out in columns so that a text costs little more than its own bytes:
 * {@code "runs"}, grouped by replica like dot groups, each run as a few integers (its length and how its first
 * element is placed, its first id as a step, its parent as a distance back or an id); then the live values in run
 * order, as {@code "text"} (the characters joined into strings, with {@code "surrogates"} for unpaired UTF-16 units)
 * when every live value is a {@link Character}, else as {@code "values"}; {@code "deleted"}, the tombstones as
 * ranges whose delete dots form arithmetic progressions; {@code "context"}; and {@code "dropsSeen"} when the state
 * may have dropped elements it has seen.
 *
 * <p>The runs are in id order and joined where one continues another ({@link SequenceRuns}), so equal states give
 * identical bytes whatever runs the core stored, and what one replica typed in one burst is one run. The elements
 * of the automerge-paper trace, collected, cost 1.30 bytes per character in Smile (FORMAT.md, "Sizes").
 */
final class SequenceCodec<E> implements BodyCodec<Sequence<E>> {

  /** Characters per string of {@code "text"}: well within the parser's default string limit. */
  static final int TEXT_CHUNK = 1 << 16;

  private final JavaType elementType;

  SequenceCodec(JavaType elementType) {
    this.elementType = elementType;
  }

  @Override
  public String typeName() {
    return "Sequence";
  }

  @Override
  public List<String> fields() {
    return List.of("runs", "text", "surrogates", "values", "deleted", "context", "dropsSeen");
  }

  @Override
  public Set<String> requiredFields() {
    return Set.of("runs", "context");
  }

  @Override
  public void collectReplicas(Sequence<E> sequence, Set<ReplicaId> replicas) {
    Sequence.Parts<E> parts = sequence.parts();
    for (Sequence.Run<E> run : parts.runs()) {
      replicas.add(run.first().replica());
      if (run.parent() != null) {
        replicas.add(run.parent().replica());
      }
      for (Dot delete : run.deletedBy()) {
        if (delete != null) {
          replicas.add(delete.replica());
        }
      }
    }
    CausalContextCodec.INSTANCE.collectReplicas(parts.context(), replicas);
  }

  @Override
  public void write(Sequence<E> sequence, WireWriter out) {
    Sequence.Parts<E> parts = sequence.parts();
    List<SequenceRuns.WireRun> runs = SequenceRuns.canonical(parts);
    out.name("runs");
    writeRuns(runs, out);
    List<Object> live = new ArrayList<>();
    runs.forEach(run -> run.values().forEach(value -> {
      if (value != null) {
        live.add(value);
      }
    }));
    if (!live.isEmpty() && live.stream().allMatch(Character.class::isInstance)) {
      writeText(live, out);
    } else {
      out.name("values");
      out.generator().writeStartArray();
      live.forEach(value -> out.value(elementType, value));
      out.generator().writeEndArray();
    }
    if (runs.stream().anyMatch(run -> run.deletedBy().stream().anyMatch(java.util.Objects::nonNull))) {
      out.name("deleted");
      writeDeleted(runs, out);
    }
    out.name("context");
    out.context(parts.context());
    if (parts.dropsSeen()) {
      out.name("dropsSeen");
      out.generator().writeBoolean(true);
    }
  }

  /**
   * Runs grouped by replica, like dot groups: {@code [[r, run..., run...], ...]}, each run as {@code head} (5 ×
   * (length − 1) + placement), {@code step} (its first counter's step from the end of the run before, from 1 for
   * the first), then its parent: nothing under the root, the distance back to it for an own id, {@code r, counter}
   * for another replica's.
   */
  private static void writeRuns(List<SequenceRuns.WireRun> runs, WireWriter out) {
    out.generator().writeStartArray();
    ReplicaId group = null;
    long cursor = 1;
    for (SequenceRuns.WireRun run : runs) {
      Dot first = run.first();
      if (!first.replica().equals(group)) {
        if (group != null) {
          out.generator().writeEndArray();
        }
        out.generator().writeStartArray();
        out.replica(first.replica());
        group = first.replica();
        cursor = 1;
      }
      int placement = run.placement();
      out.number((long) SequenceRuns.PLACEMENTS * (run.length() - 1) + placement);
      out.number(first.counter() - cursor);
      Dot parent = run.parent();
      if (placement == SequenceRuns.RIGHT_OF_OWN || placement == SequenceRuns.LEFT_OF_OWN) {
        out.number(first.counter() - parent.counter());
      } else if (placement != SequenceRuns.UNDER_ROOT) {
        out.replica(parent.replica());
        out.number(parent.counter());
      }
      cursor = SequenceRuns.after(run.last().counter());
    }
    if (group != null) {
      out.generator().writeEndArray();
    }
    out.generator().writeEndArray();
  }

  /**
   * {@code "text"}: the characters in strings of up to {@link #TEXT_CHUNK}, never splitting a surrogate pair; and
   * {@code "surrogates"} when some are unpaired (half of a pair deleted), which UTF-8 cannot carry: left out of the
   * text, each as its position among the live values (a step from the previous one's, less one) and its code unit.
   */
  private static void writeText(List<Object> live, WireWriter out) {
    StringBuilder text = new StringBuilder(live.size());
    List<Long> unpaired = new ArrayList<>();
    for (int i = 0; i < live.size(); i++) {
      char c = (Character) live.get(i);
      boolean pair = i + 1 < live.size() && Character.isHighSurrogate(c)
          && Character.isLowSurrogate((Character) live.get(i + 1));
      if (pair) {
        text.append(c).append((char) (Character) live.get(++i));
      } else if (Character.isSurrogate(c)) {
        unpaired.add((long) i);
        unpaired.add((long) c);
      } else {
        text.append(c);
      }
    }
    out.name("text");
    out.generator().writeStartArray();
    int from = 0;
    while (from < text.length()) {
      int to = Math.min(text.length(), from + TEXT_CHUNK);
      if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
        to--;                                        // never split a surrogate pair between two strings
      }
      out.generator().writeString(text.substring(from, to));
      from = to;
    }
    out.generator().writeEndArray();
    if (!unpaired.isEmpty()) {
      out.name("surrogates");
      out.generator().writeStartArray();
      long previous = -1;
      for (int i = 0; i < unpaired.size(); i += 2) {
        out.number(unpaired.get(i) - previous - 1);
        out.number(unpaired.get(i + 1));
        previous = unpaired.get(i);
      }
      out.generator().writeEndArray();
    }
  }

  /**
   * Per range of tombstones: {@code gap} (elements since the previous range), {@code count} (negative when another
   * replica than the first tombstone's deleted them, then followed by that replica's {@code r}), the first delete
   * dot's counter as its distance from the first tombstone's own, and when the range holds more than one the
   * counter step between the delete dots of neighbouring tombstones (0 for one delete of a range, 1 or −1 for
   * deletes key by key).
   */
  private static void writeDeleted(List<SequenceRuns.WireRun> runs, WireWriter out) {
    List<@Nullable Dot> deletes = new ArrayList<>();
    List<Dot> ids = new ArrayList<>();
    for (SequenceRuns.WireRun run : runs) {
      deletes.addAll(run.deletedBy());
      for (int k = 0; k < run.length(); k++) {
        ids.add(Dot.of(run.first().replica(), run.first().counter() + k));
      }
    }
    out.generator().writeStartArray();
    int end = 0;
    int i = 0;
    while (i < deletes.size()) {
      Dot first = deletes.get(i);
      if (first == null) {
        i++;
        continue;
      }
      int count = 1;
      long step = 0;
      if (i + 1 < deletes.size() && deletes.get(i + 1) != null
          && deletes.get(i + 1).replica().equals(first.replica())) {
        step = deletes.get(i + 1).counter() - first.counter();
        while (i + count < deletes.size() && deletes.get(i + count) != null
            && deletes.get(i + count).replica().equals(first.replica())
            && deletes.get(i + count).counter() == first.counter() + count * step) {
          count++;
        }
      }
      Dot tombstone = ids.get(i);
      boolean own = first.replica().equals(tombstone.replica());
      out.number(i - end);
      out.number(own ? count : -count);
      if (!own) {
        out.replica(first.replica());
      }
      out.number(first.counter() - tombstone.counter());
      if (count > 1) {
        out.number(step);
      }
      i += count;
      end = i;
    }
    out.generator().writeEndArray();
  }

  @Override
  public Decoder<Sequence<E>> decoder() {
    return new SequenceDecoder<>(elementType);
  }

  /** Whether a {@code "text"} can hold values of {@code elementType}. */
  static boolean admitsCharacters(JavaType elementType) {
    return elementType.getRawClass().isAssignableFrom(Character.class);
  }
}
