package io.crdtkit.store;

import org.apiguardian.api.API;

/**
 * When a write to a {@link ReplicaStore} counts as done. Every mode writes the record to the operating system before
 * the call returns, so an acknowledged write survives the death of the process ({@code kill -9}) in every mode; the
 * modes differ in what survives the death of the machine (power loss, kernel panic).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Durability {
  /** The record is on disk (fsync'd) before the call returns; its stage is already complete. */
  SYNC,
  /**
   * The call returns once the record is written to the operating system; its stage completes when an fsync that
   * covers it has finished. One fsync covers every record written within {@link StoreOptions#groupCommitWindow()},
   * so under concurrent load the throughput approaches {@link #ASYNC}'s while every completed stage is on disk.
   */
  GROUP_COMMIT,
  /**
   * The record is written to the operating system and its stage is already complete; the operating system puts it on
   * disk later. Survives the process's death, not the machine's.
   */
  ASYNC
}
