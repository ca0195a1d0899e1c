package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.ReplicaId;
import org.apiguardian.api.API;

/**
 * What anti-entropy last found about one peer.
 *
 * @param peer          the peer's replica id
 * @param inSync        whether the last comparison found every key's digest equal
 * @param differingKeys keys found different since the last time the whole digests were equal
 * @param lastCompared  when the digests were last compared (epoch milliseconds), 0 if never
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PeerSync(ReplicaId peer, boolean inSync, int differingKeys, long lastCompared) {}
