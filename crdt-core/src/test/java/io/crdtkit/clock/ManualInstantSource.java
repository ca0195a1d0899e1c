package io.crdtkit.clock;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A physical clock that tests move by hand: it stands still until {@link #set(long)} or {@link #advance(long)}
 * is called, so tests can make time stop, jump ahead or step back.
 */
final class ManualInstantSource implements InstantSource {

  private final AtomicLong millis;

  ManualInstantSource(long initialMillis) {
    this.millis = new AtomicLong(initialMillis);
  }

  /** Sets physical time to {@code newMillis}, which may be earlier than the current time. */
  void set(long newMillis) {
    millis.set(newMillis);
  }

  /** Moves physical time by {@code deltaMillis}; negative steps back. */
  void advance(long deltaMillis) {
    millis.addAndGet(deltaMillis);
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }
}
