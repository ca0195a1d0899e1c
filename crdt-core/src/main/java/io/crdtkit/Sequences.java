package io.crdtkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.ReplicaId;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import org.apiguardian.api.API;

/**
 * Helpers for a {@link Sequence} of characters used as text, until a text type packs characters in runs:
 *
 * <pre>{@code
 * Sequence<Character> doc = Sequences.insertString(Sequence.empty(), A, 0, "hello");
 * Sequences.text(Sequences.insertString(doc, B, 5, " world"))  // "hello world"
 * }</pre>
 *
 * <p>Indexes count UTF-16 code units, as {@link String} does: a character outside the Basic Multilingual Plane
 * is two elements.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class Sequences {

  private Sequences() {}

  /**
   * {@code doc} with {@code text} inserted at {@code index} by {@code replica}, as one run.
   *
   * @param doc     the text
   * @param replica the replica that makes the update
   * @param index   from 0 to {@code doc.size()}
   * @param text    the characters to insert
   * @return the text with {@code text} at {@code index}; {@code doc} if {@code text} is empty
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public static Sequence<Character> insertString(Sequence<Character> doc, ReplicaId replica, int index, String text) {
    return doc.insertAll(replica, index, characters(text));
  }

  /**
   * The delta of {@link #insertString}.
   *
   * @param doc     the text
   * @param replica the replica that makes the update
   * @param index   from 0 to {@code doc.size()}
   * @param text    the characters to insert
   * @return the delta; the bottom sequence if {@code text} is empty
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public static Sequence<Character> deltaInsertString(Sequence<Character> doc, ReplicaId replica, int index,
      String text) {
    return doc.deltaInsertAll(replica, index, characters(text));
  }

  /**
   * The live characters of {@code doc} as a string.
   *
   * @param doc the text
   * @return its characters, in order
   */
  public static String text(Sequence<Character> doc) {
    StringBuilder out = new StringBuilder(doc.size());
    doc.value().forEach(out::append);
    return out.toString();
  }

  /** A read-only list view of the characters of {@code text}, without copying them. */
  static List<Character> characters(String text) {
    Objects.requireNonNull(text, "text");
    return new CharacterList(text);
  }

  private static final class CharacterList extends AbstractList<Character> implements RandomAccess {
    private final String text;

    CharacterList(String text) {
      this.text = text;
    }

    @Override
    public Character get(int index) {
      return text.charAt(index);
    }

    @Override
    public int size() {
      return text.length();
    }
  }
}
