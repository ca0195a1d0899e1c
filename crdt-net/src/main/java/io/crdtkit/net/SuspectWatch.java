package io.crdtkit.net;

import java.util.Collection;
import java.util.function.Consumer;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.stack.Protocol;

/**
 * A protocol placed just below GMS that reports the suspicions failure detection sends up: JGroups' Receiver does
 * not see them, and the node's statistics show them (they never retire anyone: a suspect may only be partitioned).
 */
final class SuspectWatch extends Protocol {

  private final Consumer<Collection<Address>> suspects;

  SuspectWatch(Consumer<Collection<Address>> suspects) {
    this.suspects = suspects;
  }

  @Override
  public Object up(Event event) {
    if (event.getType() == Event.SUSPECT) {
      Object arg = event.getArg();
      if (arg instanceof Collection<?> members) {
        suspects.accept(members.stream().filter(Address.class::isInstance).map(Address.class::cast).toList());
      } else if (arg instanceof Address member) {
        suspects.accept(java.util.List.of(member));
      }
    }
    return up_prot.up(event);
  }
}
