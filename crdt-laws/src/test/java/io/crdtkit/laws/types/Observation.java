package io.crdtkit.laws.types;

import io.crdtkit.laws.CausalHistory;
import io.crdtkit.laws.HistoryEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * "A remove removes what it observed", computed from the causal history alone: an update's effect is present at
 * another update's replica if that replica had received it and had not also received an update that observed it
 * and takes it away. The oracles of the observed-remove types are built on it.
 *
 * @param <S> the CRDT type
 */
final class Observation<S> {

  private final CausalHistory<S> history;
  private final BiPredicate<HistoryEvent<S>, HistoryEvent<S>> takesAway;
  private final Map<Long, Boolean> presentAt = new HashMap<>();

  /**
   * @param takesAway whether the first update, if it observed the second, takes the second's effect away (a remove
   *     of the same element, a later add superseding it, a key removal...)
   */
  Observation(CausalHistory<S> history, BiPredicate<HistoryEvent<S>, HistoryEvent<S>> takesAway) {
    this.history = history;
    this.takesAway = takesAway;
  }

  /** Whether {@code update}'s effect was present at {@code observer}'s replica just before {@code observer}. */
  boolean presentAt(HistoryEvent<S> update, HistoryEvent<S> observer) {
    if (!observer.hadReceived(update)) {
      return false;
    }
    long key = (long) update.id() << 32 | observer.id();
    Boolean known = presentAt.get(key);
    if (known != null) {
      return known;
    }
    boolean present = history.receivedBy(observer).stream().noneMatch(remover ->
        remover.id() != update.id() && takesAway.test(remover, update) && presentAt(update, remover));
    presentAt.put(key, present);
    return present;
  }

  /** Whether {@code update}'s effect survives at the replica: no delivered update observed it and took it away. */
  boolean survives(HistoryEvent<S> update) {
    return history.delivered().stream().noneMatch(remover ->
        remover.id() != update.id() && takesAway.test(remover, update) && presentAt(update, remover));
  }
}
