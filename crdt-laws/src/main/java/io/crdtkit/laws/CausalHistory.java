package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.BitSet;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Every update of a simulated run, and which of them one replica has received: what a semantic {@link Oracle}
 * computes the expected value from.
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CausalHistory<S> {

  private final List<HistoryEvent<S>> all;
  private final BitSet delivered;

  CausalHistory(List<HistoryEvent<S>> all, BitSet delivered) {
    this.all = List.copyOf(all);
    this.delivered = (BitSet) delivered.clone();
  }

  /**
   * The updates the replica has received, in the order they were made.
   *
   * @return those updates; a new list
   */
  public List<HistoryEvent<S>> delivered() {
    return delivered.stream().mapToObj(all::get).toList();
  }

  /**
   * Every update of the run, including those lost with a crashed replica.
   *
   * @return the updates, in the order they were made (an update's {@link HistoryEvent#id} is its index); immutable
   */
  public List<HistoryEvent<S>> all() {
    return all;
  }

  /**
   * The updates {@code event}'s replica had received when it made it.
   *
   * @param event an update of this history
   * @return those updates, in the order they were made; a new list
   */
  public List<HistoryEvent<S>> receivedBy(HistoryEvent<S> event) {
    return event.received().stream().mapToObj(all::get).toList();
  }
}
