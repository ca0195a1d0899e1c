/**
 * Replication of crdtkit values over JGroups: a {@link io.crdtkit.net.CrdtNode} holds many named values, spreads
 * the deltas of local updates, heals after partitions by digest and Merkle anti-entropy, and feeds membership and
 * stability reports into crdt-gc. The protocols and the wire format are described in the module's NET.md.
 */
@NullMarked
package io.crdtkit.net;

import org.jspecify.annotations.NullMarked;
