package io.crdtkit;

import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.HybridLogicalClock;
import io.vavr.control.Option;
import org.apiguardian.api.API;

/**
 * A CRDT whose writes carry hybrid-logical-clock timestamps (the last-writer-wins types, and maps of them). A peer
 * whose clock runs far ahead makes its writes win every later one and drags every clock that sees them into the
 * future, so a receiver checks {@link #latestTimestamp()} against its clock's maximum offset where the state enters
 * ({@link HybridLogicalClock#check}), and refuses it there: not at its own next write, when it is too late.
 */
@API(status = STABLE, since = "0.1")
public interface Timestamped {

  /**
   * The greatest timestamp this state holds or has merged.
   *
   * @return the timestamp; empty if the state holds none
   */
  Option<HlcTimestamp> latestTimestamp();
}
