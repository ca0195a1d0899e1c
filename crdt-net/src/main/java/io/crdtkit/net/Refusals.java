package io.crdtkit.net;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node refused, counted by cause, and logged as one WARN line per cause and sender per minute (entries of
 * keys not registered here, usual while members register, only counted): a peer that keeps sending bad input shows
 * in the stats, not as a flood of log lines. Thread-safe.
 */
final class Refusals {

  private static final Logger log = LoggerFactory.getLogger(Refusals.class);
  private static final long LOG_EVERY_NANOS = 60_000_000_000L;

  private final Map<RefusalCause, LongAdder> counts = new EnumMap<>(RefusalCause.class);
  private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();
  private final String self;

  Refusals(String self) {
    this.self = self;
    for (RefusalCause cause : RefusalCause.values()) {
      counts.put(cause, new LongAdder());
    }
  }

  /** Counts one refusal of {@code what} from {@code sender}, and logs it unless that was done lately. */
  void refuse(RefusalCause cause, Object sender, String what) {
    refuse(cause, sender, what, 1);
  }

  void refuse(RefusalCause cause, Object sender, String what, long times) {
    counts.get(cause).add(times);
    long now = System.nanoTime();
    boolean[] due = {false};
    lastLogged.compute(cause + "/" + sender, (key, last) -> {
      due[0] = last == null || now - last > LOG_EVERY_NANOS;
      return due[0] ? Long.valueOf(now) : last;
    });
    if (due[0] && cause != RefusalCause.UNKNOWN_KEY) {
      log.warn("{}: refused {} from {} ({}; further refusals of this kind from it are counted in the stats and"
          + " logged at most once a minute)", self, what, sender, cause);
    }
  }

  /** Counts one refusal that its caller logs itself (RuntimeKeys logs an unknown type once per key). */
  void countOnly(RefusalCause cause) {
    counts.get(cause).increment();
  }

  long count(RefusalCause cause) {
    return cause == RefusalCause.OBJECT_MESSAGE ? RefusedObjectMessage.REFUSED.sum() : counts.get(cause).sum();
  }

  Map<RefusalCause, Long> snapshot() {
    Map<RefusalCause, Long> snapshot = new EnumMap<>(RefusalCause.class);
    counts.forEach((cause, count) -> snapshot.put(cause, count.sum()));
    snapshot.put(RefusalCause.OBJECT_MESSAGE, RefusedObjectMessage.REFUSED.sum());
    return snapshot;
  }
}
