package io.crdtkit.store;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Who the stored state belongs to: the replica id of the incarnation that wrote it, and when that incarnation was
 * created. A member restarted from the store reuses this id, and only together with the state stored beside it.
 *
 * @param replicaId the replica id, as crdt-net spells it
 * @param createdAtMillis when the incarnation was created (epoch milliseconds)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StoredIdentity(String replicaId, long createdAtMillis) {

  /**
   * Checks the identity: a non-empty replica id.
   *
   * @param replicaId the replica id
   * @param createdAtMillis when the incarnation was created
   */
  public StoredIdentity {
    Objects.requireNonNull(replicaId, "replicaId");
    if (replicaId.isEmpty()) {
      throw new IllegalArgumentException("replicaId must not be empty");
    }
  }
}
