package io.crdtkit.net;

import java.util.concurrent.CompletableFuture;

/**
 * Where a durable node writes what changes its keys (NET.md, "Durable members"): {@link DurableKeys} on crdt-store.
 * Each record is one key's document with its type and generation, so that a restart merges them back in order. A
 * node that is not durable has none, and encodes nothing.
 */
interface KeyJournal {

  /**
   * A local update's delta, before it is applied: the future completes once it is durable as the node's mode says.
   *
   * @throws IllegalStateException naming the key and the cause if it cannot be written (a full disk, say): the update
   *     must then not be applied
   */
  CompletableFuture<Void> appendLocal(String key, String type, long generation, boolean tombstone, byte[] document);

  /** A document merged from another member: written without waiting (anti-entropy brings it back if lost). */
  void appendMerged(String key, String type, long generation, boolean tombstone, byte[] document);

  /** The key's whole state, replacing what was written of it before (compaction). */
  void snapshot(String key, String type, long generation, boolean tombstone, byte[] document);

  /** The key's tombstone was collected: nothing of it is kept. */
  void deleted(String key);
}
