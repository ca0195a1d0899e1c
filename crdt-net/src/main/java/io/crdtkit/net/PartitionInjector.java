package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jgroups.Address;
import org.jgroups.View;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.ProtocolStack;

/**
 * Splits nodes that run in this JVM into sides, the way JGroups' own merge tests do, for tests and demos of your
 * application under partitions: a DISCARD protocol above each node's transport drops the traffic between sides, and
 * each side gets a view of its own at once (instead of waiting for failure detection). {@link #heal()} stops the
 * dropping; MERGE3 then notices the sides and JGroups installs a MergeView, after which the nodes heal by
 * themselves. Works on any stack, the in-JVM and TCP presets alike.
 *
 * <pre>{@code
 * PartitionInjector partitions = PartitionInjector.of(phone, laptop, tablet);
 * partitions.split(List.of(phone, laptop), List.of(tablet));
 * ...                                  // writes on both sides
 * partitions.heal();                   // a MergeView follows within about two seconds
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PartitionInjector {

  private final List<CrdtNode> nodes;
  private long lastInjectedViewId;

  private PartitionInjector(List<CrdtNode> nodes) {
    this.nodes = nodes;
  }

  /**
   * Prepares {@code nodes} (started, in this JVM) for partitions: each gets a DISCARD protocol above its
   * transport, which drops nothing until {@link #split}.
   *
   * @param nodes the nodes that may be partitioned; started, in this JVM, none null
   * @return a new injector
   * @throws IllegalStateException if DISCARD cannot be added to a node's stack
   * @throws NullPointerException  if {@code nodes} is null or holds null
   */
  public static PartitionInjector of(CrdtNode... nodes) {
    List<CrdtNode> list = List.of(nodes);
    for (CrdtNode node : list) {
      discardOf(node);
    }
    return new PartitionInjector(list);
  }

  /**
   * Adds a node started later (a joiner) to those that can be partitioned.
   *
   * @param node a started node in this JVM; not null
   * @return a new injector with this one's nodes and {@code node}: use it from now on, since this one is unchanged
   *     and does not know the node
   * @throws IllegalStateException if DISCARD cannot be added to the node's stack
   * @throws NullPointerException  if {@code node} is null
   */
  public PartitionInjector add(CrdtNode node) {
    discardOf(node);
    List<CrdtNode> more = new ArrayList<>(nodes);
    more.add(node);
    PartitionInjector grown = new PartitionInjector(List.copyOf(more));
    grown.lastInjectedViewId = lastInjectedViewId;
    return grown;
  }

  /**
   * Splits the nodes into {@code sides}: each side stops hearing the others and installs a view of its own members
   * (the first one coordinates).
   *
   * @param sides the sides, each a non-empty list of this injector's nodes, none on two sides. A node on no side
   *              keeps its view and its traffic with every side.
   * @throws IllegalArgumentException if a side is empty
   */
  @SafeVarargs
  public final void split(List<CrdtNode>... sides) {
    List<List<CrdtNode>> all = new ArrayList<>();
    for (List<CrdtNode> side : sides) {
      all.add(side);
    }
    split(all);
  }

  /**
   * {@link #split(List[])} with the sides in a list.
   *
   * @param sides the sides, each a non-empty list of this injector's nodes, none on two sides
   * @throws IllegalArgumentException if a side is empty
   */
  public void split(List<List<CrdtNode>> sides) {
    for (List<CrdtNode> side : sides) {
      if (side.isEmpty()) {
        throw new IllegalArgumentException("a side of a partition needs at least one node");
      }
      for (List<CrdtNode> other : sides) {
        if (other != side) {
          for (CrdtNode node : side) {
            DISCARD discard = discardOf(node);
            other.forEach(o -> discard.addIgnoreMember(o.channel().getAddress()));
          }
        }
      }
    }
    // GMS ignores a view whose id is not above its current one, and merges raise the ids.
    for (CrdtNode node : nodes) {
      View current = node.channel().getView();
      if (current != null) {
        lastInjectedViewId = Math.max(lastInjectedViewId, current.getViewId().getId());
      }
    }
    for (List<CrdtNode> side : sides) {
      List<Address> members = side.stream().map(n -> n.channel().getAddress()).toList();
      View view = View.create(members.get(0), ++lastInjectedViewId, members);
      for (CrdtNode node : side) {
        GMS gms = node.channel().getProtocolStack().findProtocol(GMS.class);
        gms.installView(view);
      }
    }
  }

  /** Lets every node hear every other again; the views merge within a few seconds (MERGE3). */
  public void heal() {
    for (CrdtNode node : nodes) {
      if (!node.engine().isClosed()) {
        discardOf(node).resetIgnoredMembers();
      }
    }
  }

  static DISCARD discardOf(CrdtNode node) {
    Objects.requireNonNull(node, "node");
    ProtocolStack stack = node.channel().getProtocolStack();
    DISCARD discard = stack.findProtocol(DISCARD.class);
    if (discard == null) {
      discard = new DISCARD().setAddress(node.channel().getAddress());
      try {
        stack.insertProtocol(discard, ProtocolStack.Position.ABOVE, TP.class);
      } catch (Exception e) {
        throw new IllegalStateException("cannot add DISCARD to the stack of " + node.replica(), e);
      }
    }
    return discard;
  }
}
