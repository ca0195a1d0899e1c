package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Why a node refused something it received; {@link NetStats#refused()} counts each cause. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum RefusalCause {
  /** A frame or a document that could not be decoded, or did not hold what its kind requires. */
  UNDECODABLE,
  /**
   * An entry of a key whose type at its sender (element types included) is not the key's type here: every member must
   * register a key with the same type. Refused alone; the frame's other keys are taken in.
   */
  TYPE_MISMATCH,
  /** A document that decoded but could not be merged (another configuration of the key's type, say). */
  UNMERGEABLE,
  /** A delta from an older retirement epoch (its sender's next whole state replaces it). */
  STALE_DELTA,
  /**
   * A chunked transfer beyond what a peer may make this node hold (a few transfers per sender, a bounded number of
   * bytes per sender and in all); its sender's next anti-entropy round sends the state again.
   */
  TRANSFER_LIMIT,
  /**
   * An entry for a key this node has not registered, without a type to create it from (from a member of an earlier
   * release; usual while members register their keys: not logged).
   */
  UNKNOWN_KEY,
  /**
   * An entry for a key this node does not hold, of a type not registered here ({@link CrdtNode#registerType}), so it
   * cannot create the key: refused alone, logged once per key and type. Other keys of the frame are taken in.
   */
  UNKNOWN_TYPE,
  /**
   * A state whose timestamps run further ahead of this node's clock than the maximum clock offset: its sender's clock
   * is broken, and accepting it would make its writes win every later one here.
   */
  FUTURE_TIMESTAMP,
  /**
   * A retirement log that adds retirements, from a member that is not the view's coordinator, or for a replica the
   * coordinator did not run its footprint round with this member about: taken in, it would retire live replicas.
   */
  FORGED_RETIREMENT,
  /**
   * A JGroups ObjectMessage: a Java object, which crdtkit never takes from the network (NET.md, "Security"). JGroups
   * refuses it in its transport, for every channel of the JVM, so this count is the JVM's, not one node's.
   */
  OBJECT_MESSAGE,
  /**
   * On an {@link JGroupsStack#encrypted encrypted} stack: a message that does not prove it was made with the cluster's
   * key (no encryption, another key's fingerprint, an authentication tag that does not verify). From a process without
   * the key: a stranger's join request, a forged message, or a member still on an old key.
   */
  UNAUTHENTICATED
}
