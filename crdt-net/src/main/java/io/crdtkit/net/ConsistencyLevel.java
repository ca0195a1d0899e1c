package io.crdtkit.net;

import java.time.Duration;
import java.util.Objects;

/**
 * How many members a read or a write at a consistency level waits for, and for how long: the part that
 * {@link WriteConsistency} and {@link ReadConsistency} share. The count is of the replica set (NET.md, "Consistency
 * levels"), this node included.
 *
 * @param kind    which level
 * @param count   the members an {@code atLeast} level needs (1 for the others, which derive it)
 * @param timeout how long to wait for them (zero for {@code local})
 */
record ConsistencyLevel(Kind kind, int count, Duration timeout) {

  enum Kind { LOCAL, AT_LEAST, MAJORITY, ALL }

  static final ConsistencyLevel LOCAL = new ConsistencyLevel(Kind.LOCAL, 1, Duration.ZERO);

  ConsistencyLevel {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** A level that waits: checks what a caller gave before anything is applied. */
  static ConsistencyLevel waiting(Kind kind, int count, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (count < 1) {
      throw new IllegalArgumentException("atLeast(n, timeout) needs n >= 1 (this node counts as one), got " + count);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("a consistency level's timeout must be positive, got " + timeout);
    }
    return new ConsistencyLevel(kind, count, timeout);
  }

  boolean isLocal() {
    return kind == Kind.LOCAL;
  }

  /** The members needed, this node included, out of a replica set of {@code members}. */
  int required(int members) {
    return switch (kind) {
      case LOCAL -> 1;
      case AT_LEAST -> count;
      case MAJORITY -> members / 2 + 1;
      case ALL -> members;
    };
  }

  @Override
  public String toString() {
    return switch (kind) {
      case LOCAL -> "local()";
      case AT_LEAST -> "atLeast(" + count + ", " + timeout + ")";
      case MAJORITY -> "majority(" + timeout + ")";
      case ALL -> "all(" + timeout + ")";
    };
  }
}
