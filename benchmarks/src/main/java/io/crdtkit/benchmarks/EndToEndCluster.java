package io.crdtkit.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * One system under test in the end-to-end benchmark: three members of one cluster, started by the measurement and
 * closed by it. crdtkit ({@link CrdtkitCluster}) and Pekko Distributed Data ({@link PekkoCluster}) each implement
 * it with their ordinary public API, so that {@link EndToEndMeasurement} runs the same workload on both.
 */
interface EndToEndCluster extends AutoCloseable {

  /** The members of every cluster measured. */
  int MEMBERS = 3;

  /** The system, its transport and the settings that differ from its defaults, in words for the report. */
  String describe();

  /**
   * Makes {@code keys} (a set of strings each, empty) on every member, and tells {@code observer} of the changes of
   * each: at least of every change a member received from another member (Pekko tells of a member's own too).
   *
   * @return the keys' writers; close it to stop the observer
   */
  Keys open(List<String> keys, Observer observer);

  @Override
  void close();

  /** What a member sees of a key after a change it received: whether the key's set now holds an element. */
  @FunctionalInterface
  interface Observer {

    /** Called on the member's own thread (crdtkit's protocol thread, Pekko's subscriber actor), never at once. */
    void changed(int member, int key, Predicate<String> contains);
  }

  /** The opened keys, written through one member's ordinary write API. */
  interface Keys extends AutoCloseable {

    /**
     * Adds {@code element} to key {@code key} at {@code member}: returns once that member has accepted the update
     * (crdtkit: applied, delta queued; Pekko: the Update told to the local Replicator, with at most a bounded window
     * of updates not yet acknowledged, so that a fast writer is held back by the Replicator, not by its mailbox).
     */
    void add(int member, int key, String element) throws InterruptedException;

    /** Waits until every update added at {@code member} is acknowledged (a no-op for crdtkit, whose add applies). */
    void drain(int member, Duration deadline) throws InterruptedException;

    @Override
    void close();
  }
}
