package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Why a node refused something it received; {@link NetStats#refused()} counts each cause. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum RefusalCause {
  /** A frame or a document that could not be decoded, or did not hold what its kind requires. */
  UNDECODABLE,
  /** A document that decoded but could not be merged (another configuration of the key's type, say). */
  UNMERGEABLE,
  /** A delta from an older retirement epoch (its sender's next whole state replaces it). */
  STALE_DELTA,
  /** An entry for a key this node has not registered (usual while members register their keys: not logged). */
  UNKNOWN_KEY,
  /**
   * A state whose timestamps run further ahead of this node's clock than the maximum clock offset: its sender's clock
   * is broken, and accepting it would make its writes win every later one here.
   */
  FUTURE_TIMESTAMP
}
