package io.crdtkit.clock;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * The identity of one <em>incarnation</em> of a replica: every dot, vector-clock entry and timestamp is
 * attributed to one.
 *
 * <p>A replica that lost its state must never reuse its old id: it would mint dots that collide with dots it
 * minted before the loss, and other replicas would take new updates for old ones. Use {@link #fresh(String)}
 * when a process starts without durable state; reuse an id only when restoring the state it wrote.
 *
 * <p>Ids are compared by their text; that total order breaks ties between equal hybrid-logical-clock
 * timestamps, so it must be the same everywhere (it is: plain {@link String#compareTo(String)}).
 *
 * @param name the id's text: 1 to {@value #MAX_LENGTH} characters, no whitespace (no-break spaces included),
 *     control or invisible formatting characters, so that two ids that print alike are equal
 */
@API(status = STABLE, since = "0.1")
public record ReplicaId(String name) implements Comparable<ReplicaId> {

  /** The longest id accepted: ids travel in every dot on the wire, so they are kept short. */
  public static final int MAX_LENGTH = 128;

  /**
   * The id, checked.
   *
   * @param name the id's text (see the class comment for what is accepted)
   * @throws NullPointerException     if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty, longer than {@value #MAX_LENGTH} characters, or holds
   *     whitespace, a control or an invisible formatting character
   */
  public ReplicaId {
    Objects.requireNonNull(name, "replica id name");
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "replica id must have 1 to " + MAX_LENGTH + " characters, got " + name.length());
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
          || Character.getType(c) == Character.FORMAT) {
        // The id itself is not echoed: it holds a character that could break the log line it lands in.
        throw new IllegalArgumentException(String.format(
            "replica id must not contain whitespace, control or formatting characters, got U+%04X at index %d",
            (int) c, i));
      }
    }
  }

  /**
   * The id with exactly this name; for restoring a replica from its own durable state, and for tests.
   *
   * @param name the id's text (see the class comment for what is accepted)
   * @return the id
   * @throws IllegalArgumentException if {@code name} is not a valid id
   */
  public static ReplicaId of(String name) {
    return new ReplicaId(name);
  }

  /**
   * A new id for a new incarnation: {@code prefix} followed by a random suffix, e.g. {@code cart-7f3a9c01e2d4}.
   * The prefix makes logs readable; the 48 random bits make a collision with an earlier incarnation negligible.
   *
   * @param prefix the readable start of the id, e.g. the service's name
   * @return a new id
   * @throws IllegalArgumentException if {@code prefix} would make an invalid id (too long, or with whitespace)
   */
  public static ReplicaId fresh(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    String suffix = Long.toHexString(UUID.randomUUID().getLeastSignificantBits() & 0xFFFF_FFFF_FFFFL);
    return new ReplicaId(prefix + "-" + "0".repeat(12 - suffix.length()) + suffix);
  }

  @Override
  public int compareTo(ReplicaId other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
