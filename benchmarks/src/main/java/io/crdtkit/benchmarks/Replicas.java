package io.crdtkit.benchmarks;

import io.crdtkit.clock.ReplicaId;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;

/**
 * The replicas of every benchmark, numbered from 0, as each library names them: a crdtkit {@link ReplicaId} and a
 * Pekko {@link SelfUniqueAddress}. Pekko's data types need only the address value, not a running cluster.
 *
 * <p>One instance per replica, as in a running process (where a replica's id is created once): a fixture built
 * from fresh instances per update would count thousands of copies of the same id in its heap footprint.
 */
final class Replicas {

  /** More replicas than any benchmark uses (the PNCounter has 64). */
  static final int MAX = 128;

  private static final ReplicaId[] CRDTKIT = new ReplicaId[MAX];
  private static final SelfUniqueAddress[] PEKKO = new SelfUniqueAddress[MAX];
  private static final Object[] ALL = {CRDTKIT, PEKKO};

  static {
    for (int i = 0; i < MAX; i++) {
      // Short names on both sides, so that neither pays for longer ids in its dots.
      CRDTKIT[i] = ReplicaId.of("r" + i);
      // The address a cluster member on 127.0.0.1 would have; the uid tells incarnations apart, as our ids do.
      PEKKO[i] = new SelfUniqueAddress(
          new UniqueAddress(new Address("pekko", "bench", "127.0.0.1", 25520 + i), 1000L + i));
    }
  }

  private Replicas() {}

  static ReplicaId crdtkit(int replica) {
    return CRDTKIT[replica];
  }

  static SelfUniqueAddress pekko(int replica) {
    return PEKKO[replica];
  }

  /** Every replica id and address: what a heap measurement leaves out, as shared by the whole process. */
  static Object[] all() {
    return ALL;
  }
}
