package io.crdtkit;

import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.ReplicaId;
import org.apiguardian.api.API;

/**
 * A CRDT whose updates are tagged with dots and who remembers, in a {@link CausalContext}, every dot it has seen:
 * the observed-remove family ({@link ORSet}, {@link RWSet}, {@link MVRegister}, {@link EWFlag}, {@link DWFlag},
 * {@link ORMap}).
 *
 * <p>Nested in an {@link ORMap}, such a value mints its dots from the map's context, as in the causal maps of
 * Almeida, Shoker and Baquero (2018, §7.3): a key that is removed and created again must never reuse a dot of
 * its earlier life, or a remove that observed the old element would take the new one with it.
 *
 * @param <S> the implementing type itself
 */
@API(status = STABLE, since = "0.1")
public interface CausalCrdt<S extends CausalCrdt<S>> extends DeltaCrdt<S> {

  /**
   * Every dot this state has seen, removed ones included.
   *
   * @return the causal context
   */
  CausalContext context();

  /**
   * This state, having also seen every dot of {@code seen}; it holds exactly the same dots. Seen-but-not-held
   * counts as removed when merged, so only pass dots that cannot belong to this value on another replica: an
   * {@link ORMap} passes its own context, whose other dots tag other keys or earlier, removed, lives of this one.
   *
   * @param seen the dots to count as seen
   * @return this state with the larger context; {@code this} if it had seen them all
   */
  S withContext(CausalContext seen);

  /**
   * This state with every dot of {@code from} renamed to {@code (to, offset + n)}, held dots and context alike: the
   * step of retirement that nested values take from their map (see {@link Retirable}).
   *
   * @param from   the replica whose dots are renamed
   * @param to     the replica they are renamed to
   * @param offset where the block of renamed counters starts: dot {@code n} of {@code from} becomes
   *               {@code offset + n} of {@code to}
   * @return the renamed state; {@code this} if it holds and has seen no dot of {@code from}
   */
  S renameReplica(ReplicaId from, ReplicaId to, long offset);
}
