package io.crdtkit.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;

/**
 * When each update of one trial was called and when each other member first saw it. An update is the add of
 * element {@code w<writer>-<sequence number>} to key {@code sequence % keys}, so the element itself says which
 * update it is. A member counts update {@code i} of a writer as seen when its key holds that element and every
 * earlier element of the writer to that key: both systems deliver one sender's updates to a key in order, so this
 * is the first sight of it, found by looking up only the next expected element at each change (no scan of the set).
 */
final class VisibilityLog implements EndToEndCluster.Observer {

  private final int keys;
  private final int capacity;
  /** {@code sent[w]}: when writer {@code w}'s update {@code i} was called, {@link System#nanoTime()}. */
  private final AtomicLongArray[] sent;
  private final int[] sentCount;
  /** {@code seen[m][w]}: when member {@code m} first saw writer {@code w}'s update {@code i}; 0 if not yet. */
  private final AtomicLongArray[][] seen;
  private final AtomicInteger[][] seenCount;
  /** {@code next[m][w][k]}: the index among key k's updates of the next update member m waits for. */
  private final int[][][] next;
  private final boolean[] writers;

  VisibilityLog(int members, List<Integer> writerMembers, int keys, int capacity) {
    this.keys = keys;
    this.capacity = capacity;
    this.writers = new boolean[members];
    writerMembers.forEach(w -> writers[w] = true);
    sent = new AtomicLongArray[members];
    sentCount = new int[members];
    seen = new AtomicLongArray[members][members];
    seenCount = new AtomicInteger[members][members];
    next = new int[members][members][keys];
    for (int w : writerMembers) {
      sent[w] = new AtomicLongArray(capacity);
      for (int m = 0; m < members; m++) {
        seen[m][w] = new AtomicLongArray(capacity);
        seenCount[m][w] = new AtomicInteger();
      }
    }
  }

  static String element(int writer, int sequence) {
    return "w" + writer + "-" + sequence;
  }

  int capacity() {
    return capacity;
  }

  /** Records the call of writer {@code w}'s next update; returns its sequence number. Only w's thread calls it. */
  int sending(int writer) {
    int sequence = sentCount[writer];
    sent[writer].set(sequence, System.nanoTime());
    sentCount[writer] = sequence + 1;
    return sequence;
  }

  int key(int sequence) {
    return sequence % keys;
  }

  @Override
  public void changed(int member, int key, Predicate<String> contains) {
    long now = System.nanoTime();
    for (int writer = 0; writer < writers.length; writer++) {
      if (!writers[writer] || writer == member) {
        continue;
      }
      int index = next[member][writer][key];
      int sequence = key + keys * index;
      while (sequence < capacity && contains.test(element(writer, sequence))) {
        seen[member][writer].set(sequence, now);
        seenCount[member][writer].incrementAndGet();
        index++;
        sequence += keys;
      }
      next[member][writer][key] = index;
    }
  }

  /** Whether every member other than a writer has seen all {@code sentCounts[w]} updates of each writer w. */
  boolean allSeen(int[] sentCounts) {
    for (int writer = 0; writer < writers.length; writer++) {
      if (!writers[writer]) {
        continue;
      }
      for (int member = 0; member < writers.length; member++) {
        if (member != writer && seenCount[member][writer].get() < sentCounts[writer]) {
          return false;
        }
      }
    }
    return true;
  }

  /** The latest sighting of any update by any member, in nanoTime. */
  long lastSeen(int[] sentCounts) {
    long[] last = {Long.MIN_VALUE};
    forEachSighting(sentCounts, (writer, member, i) -> last[0] = Math.max(last[0], seen[member][writer].get(i)));
    return last[0];
  }

  /** Every time from an update's call to its first sight on another member, in nanoseconds, sorted. */
  long[] visibilityNanos(int[] sentCounts) {
    List<Long> times = new ArrayList<>();
    forEachSighting(sentCounts,
        (writer, member, i) -> times.add(seen[member][writer].get(i) - sent[writer].get(i)));
    long[] sorted = times.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  /** One sighting to visit: update {@code i} of {@code writer}, on another {@code member}. */
  private interface Sighting {
    void visit(int writer, int member, int i);
  }

  /** Visits every update each writer sent, once per member other than its writer. */
  private void forEachSighting(int[] sentCounts, Sighting sighting) {
    for (int writer = 0; writer < writers.length; writer++) {
      if (!writers[writer]) {
        continue;
      }
      for (int member = 0; member < writers.length; member++) {
        if (member != writer) {
          for (int i = 0; i < sentCounts[writer]; i++) {
            sighting.visit(writer, member, i);
          }
        }
      }
    }
  }

  /** The {@code p}-th percentile (0 to 100) of sorted samples, nearest rank. */
  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
