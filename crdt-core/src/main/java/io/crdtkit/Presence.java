package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;

/**
 * The payload of an add-wins element (an ORSet element, an enable-wins flag; with values beside it, an OR-map key
 * and a multi-value register: see {@link ValuedPresence}), with garbage collection: the dots of
 * its adds, a <em>collapsed</em> presence standing for adds every replica knows to be stable (so a stable element
 * carries no per-replica metadata), and remove tokens (crdt-gc's GC.md §2).
 *
 * <p>Present iff it has an add dot or a collapsed presence. A remove of an element with a collapsed presence (or
 * with an add at or below the remover's stable cut, which another replica may have collapsed) leaves a token, its
 * own dot: the token kills any collapsed presence it meets, and is dropped once stable. Without GC the cuts stay
 * empty, nothing is ever collapsed, no token is ever made, and this is exactly a set of add dots.
 *
 * <p>Two forms, one value: {@link OneAdd} for an element with one add dot and nothing else (almost every element of
 * a live set, so it is kept as small as an object can be), {@link Full} for every other. {@link #of} picks the form,
 * so equal presences always have the same one.
 */
abstract sealed class Presence implements DotStore<Presence> permits Presence.Full, Presence.OneAdd {

  static final Presence EMPTY = new Full(false, DotSet.EMPTY, DotSet.EMPTY, VectorClock.empty());

  // Shared: after collection most elements of a set are exactly this, and must cost no more than a plain set's.
  private static final Presence COLLAPSED = new Full(true, DotSet.EMPTY, DotSet.EMPTY, VectorClock.empty());

  private Presence() {}

  /** Rebuilt from its parts, normalised: a token leaves no collapsed presence, and empty parts are shared. */
  static Presence of(boolean collapsed, DotSet adds, DotSet tokens) {
    return of(collapsed, adds, tokens, VectorClock.empty());
  }

  /**
   * The same, with the adds it has seen up to {@code floor} (see {@link Full}). The one form every presence is built
   * in: a single add with nothing else is always a {@link OneAdd}, so that the two forms never hold equal parts.
   */
  static Presence of(boolean collapsed, DotSet adds, DotSet tokens, VectorClock floor) {
    DotSet sharedAdds = adds.isEmpty() ? DotSet.EMPTY : adds;
    DotSet sharedTokens = tokens.isEmpty() ? DotSet.EMPTY : tokens;
    boolean stillCollapsed = collapsed && sharedTokens.isEmpty();
    if (sharedTokens.isEmpty() && floor.isEmpty()) {
      if (sharedAdds.isEmpty()) {
        return stillCollapsed ? COLLAPSED : EMPTY;
      }
      Dot only = sharedAdds.only();
      if (only != null && !stillCollapsed) {
        return new OneAdd(only);
      }
    }
    return new Full(stillCollapsed, sharedAdds, sharedTokens, floor);
  }

  abstract boolean isCollapsed();

  /** The add dots (built on each call for a {@link OneAdd}: hot paths use the methods overridden there). */
  abstract DotSet adds();

  abstract DotSet tokens();

  /**
   * What a remove made as a delta observed beyond the add dots its context lists: every add of this element at or
   * below it (the adds a collapsed presence stood for). Whole states hold one only until their stable cut covers it.
   */
  abstract VectorClock floor();

  boolean isPresent() {
    return isCollapsed() || !adds().isEmpty();
  }

  /**
   * This key after an OR-map update that minted {@code dot} and makes the {@code subsumed} adds redundant: the other
   * adds, and a collapsed presence, stay (the update's delta includes only what it subsumes).
   */
  Presence withUpdate(Iterable<Dot> subsumed, Dot dot) {
    java.util.Set<Dot> replaced = new java.util.HashSet<>();
    subsumed.forEach(replaced::add);
    return of(isCollapsed(), adds().filter(add -> !replaced.contains(add)).union(DotSet.of(dot)), tokens(), floor());
  }

  /**
   * This element with {@code dot} as its only add: it replaces the adds it observed, a collapsed presence included
   * (its delta says so with a floor, see {@link #addDelta}); tokens stay until stable.
   */
  Presence withAdd(Dot dot) {
    return of(false, DotSet.of(dot), tokens(), floor());
  }

  /**
   * The delta's entry for an add that minted {@code dot}, made by a state whose {@link CausalState#deltaFloor} is
   * {@code seen}: the add replaces every add of this element its author has seen, collapsed ones included, which
   * it cannot list.
   */
  static Presence addDelta(Dot dot, VectorClock seen) {
    return of(false, DotSet.of(dot), DotSet.EMPTY, seen);
  }

  /**
   * Whether a remove by a replica whose stable cut is {@code stableCut} must leave a token: the element has a
   * collapsed presence, or an add another replica may already have collapsed.
   */
  boolean removeNeedsToken(VectorClock stableCut) {
    return isCollapsed() || adds().exists(stableCut::contains);
  }

  /** This element removed by a remove that minted {@code dot}: no adds, and a token if one is needed. */
  Presence removed(Dot dot, boolean withToken) {
    DotSet keptTokens = withToken ? tokens().union(DotSet.of(dot)) : tokens();
    return of(false, DotSet.EMPTY, keptTokens, floor());
  }

  /**
   * The delta's entry for a remove of this element that minted {@code dot}, made by a state collected at
   * {@code cuts} whose {@link CausalState#deltaFloor} is {@code seen}: a token if one is needed, and the floor.
   * SUBTLE: a collapsed presence stands for adds the remove observed but cannot list, so the delta claims every add
   * its author has seen; a replica that holds one of them, as a dot or collapsed, drops it (GC.md, rule 6).
   */
  Presence removalDelta(Dot dot, Cuts cuts, VectorClock seen) {
    DotSet token = removeNeedsToken(cuts.stable()) ? DotSet.of(dot) : DotSet.EMPTY;
    return of(false, DotSet.EMPTY, token, seen);
  }

  @Override
  public Presence join(Presence other, JoinSides sides) {
    if (other == this) {
      return this;
    }
    Presence joined = joinUncollapsed(other, sides, false).collapse(sides.joinedCuts());
    return joined.equals(this) ? this : joined;
  }

  /**
   * The join before the joined cuts collapse anything: the surviving adds, tokens and floor, collapsed if either
   * side's collapsed presence survives ({@link #collapsedSurvives}). {@link ValuedPresence} joins the values it
   * keeps beside these dots from this step.
   *
   * @param valued whether values go with the dots ({@link ValuedPresence}). A bare presence is kept generously: an
   *     add dot the other side may have folded into its collapsed presence survives (it folds again into the same
   *     presence), and a collapsed presence survives a side that holds the element too. A valued one must not be:
   *     its value could be one the other side replaced or removed since (a collapsed value of the key's earlier
   *     life, or an update a later one subsumed), and what the other side still holds of it, it holds as its own
   *     live or collapsed values.
   */
  Presence joinUncollapsed(Presence other, JoinSides sides, boolean valued) {
    DotSet joinedAdds =
        joinAdds(adds(), other, sides, valued).union(joinAdds(other.adds(), this, sides.reversed(), valued));
    DotSet joinedTokens = tokens().join(other.tokens(), sides);
    VectorClock joinedFloor = Cuts.above(floor().merge(other.floor()), sides.joinedClock());
    boolean keepMine = collapsedSurvives(other, sides, valued);
    boolean keepTheirs = other.collapsedSurvives(this, sides.reversed(), valued);
    return of(keepMine || keepTheirs, joinedAdds, joinedTokens, joinedFloor);
  }

  /**
   * Whether this side's collapsed presence survives a join with {@code other} (false if it has none): see
   * {@link #keeps} and {@link #keepsValued}.
   */
  boolean collapsedSurvives(Presence other, JoinSides sides, boolean valued) {
    return isCollapsed() && (valued ? keepsValued(other, sides.ownCuts(), sides.otherCuts(), sides.other())
        : keeps(other, sides.ownCuts(), sides.other()));
  }

  /**
   * Whether a collapsed value survives against {@code other}. A collapsed value stands for every update of the entry
   * at or below its side's collapse cut that survives there (collapse folds them all, whenever the cut grows). So:
   * against another collapsed value, the one collapsed at a strictly lower cut goes (the other stands for all it
   * still holds, and its own earlier life may have been removed since); against add dots at or below its cut (not yet
   * collapsed there) it stays, and they go (see {@link #joinAdds}); otherwise it stays unless the other side has seen
   * all it stands for (and so removed it).
   */
  private static boolean keepsValued(Presence other, Cuts ownCuts, Cuts otherCuts, CausalContext otherContext) {
    VectorClock own = ownCuts.collapse();
    if (other.isCollapsed()) {
      VectorClock theirs = otherCuts.collapse();
      return !(own.isLessOrEqual(theirs) && !own.equals(theirs));
    }
    return other.adds().exists(own::contains) || !seenAll(other, ownCuts, otherContext);
  }

  /**
   * {@code mine}'s add dots that survive the join: held by both, unseen by the other side (in its context or below
   * its floor), or (if asked) possibly collapsed there (the other side holds them as its collapsed presence).
   */
  private static DotSet joinAdds(DotSet mine, Presence theirs, JoinSides sides, boolean valued) {
    DotSet theirAdds = theirs.adds();
    VectorClock theirFloor = theirs.floor();
    return mine.filter(dot -> theirAdds.contains(dot)
        || !(sides.other().contains(dot) || theirFloor.contains(dot))
        || (!valued && theirs.isCollapsed() && sides.otherCuts().collapse().contains(dot)));
  }

  /**
   * Whether a collapsed presence survives against {@code other}: the other side holds it too (collapsed, or as add
   * dots not yet collapsed), or the other side has not seen all the adds it stands for (in its context or below its
   * floor), so its lack of the element says nothing (it is stale, or a delta that did not observe them). Otherwise
   * the other side saw those adds and removed them.
   */
  private static boolean keeps(Presence other, Cuts ownCuts, CausalContext otherContext) {
    if (other.isCollapsed() || other.adds().exists(ownCuts.collapse()::contains)) {
      return true;
    }
    return !seenAll(other, ownCuts, otherContext);
  }

  /** Whether the other side has seen (in its context or below its floor) the whole collapse cut of this side. */
  private static boolean seenAll(Presence other, Cuts ownCuts, CausalContext otherContext) {
    VectorClock seen = other.floor().isEmpty() ? otherContext.vectorClock()
        : otherContext.vectorClock().merge(other.floor());
    return ownCuts.collapse().isLessOrEqual(seen);
  }


  /**
   * Drops the tokens every replica has seen, then, if no token is left, folds the adds every replica knows to be
   * stable into the collapsed presence.
   */
  @Override
  public Presence collapse(Cuts cuts) {
    if (cuts.equals(Cuts.NONE)) {
      return this;
    }
    DotSet adds = adds();
    DotSet tokens = tokens();
    VectorClock floor = floor();
    DotSet keptTokens = tokens.filter(dot -> !cuts.stable().contains(dot));
    VectorClock keptFloor = Cuts.above(floor, cuts.stable());
    if (!keptTokens.isEmpty()) {
      return keptTokens == tokens && keptFloor.equals(floor) ? this : of(false, adds, keptTokens, keptFloor);
    }
    DotSet unstable = adds.filter(dot -> !cuts.collapse().contains(dot));
    boolean nowCollapsed = isCollapsed() || unstable != adds;
    if (nowCollapsed == isCollapsed() && unstable == adds && keptTokens == tokens && keptFloor.equals(floor)) {
      return this;
    }
    return of(nowCollapsed, unstable, keptTokens, keptFloor);
  }

  @Override
  public Presence renameDots(ReplicaId from, ReplicaId to, long offset) {
    DotSet adds = adds();
    DotSet tokens = tokens();
    DotSet renamedAdds = adds.renameDots(from, to, offset);
    DotSet renamedTokens = tokens.renameDots(from, to, offset);
    VectorClock renamedFloor = Cuts.rename(floor(), from, to, offset);
    return renamedAdds == adds && renamedTokens == tokens && renamedFloor.equals(floor())
        ? this
        : of(isCollapsed(), renamedAdds, renamedTokens, renamedFloor);
  }

  @Override
  public boolean isEmpty() {
    return !isCollapsed() && adds().isEmpty() && tokens().isEmpty() && floor().isEmpty();
  }

  /** The add dots: what a remove observes (tokens stay until they are stable, whatever removes later). */
  @Override
  public Iterable<Dot> dots() {
    return adds().dots();
  }

  /** The add dots and the tokens: a token goes when the other side of a join has seen it without holding it. */
  @Override
  public Iterable<Dot> heldDots() {
    return tokens().isEmpty() ? adds().dots() : adds().dots().union(tokens().dots());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Presence other && isCollapsed() == other.isCollapsed() && adds().equals(other.adds())
        && tokens().equals(other.tokens()) && floor().equals(other.floor());
  }

  @Override
  public int hashCode() {
    return (isCollapsed() ? 31 : 0) + 17 * adds().hashCode() + tokens().hashCode() + 7 * floor().hashCode();
  }

  @Override
  public String toString() {
    boolean collapsed = isCollapsed();
    DotSet adds = adds();
    String text = collapsed ? (adds.isEmpty() ? "stable" : "stable+" + adds) : adds.toString();
    text = tokens().isEmpty() ? text : text + " tokens" + tokens();
    return floor().isEmpty() ? text : text + " seen up to " + floor();
  }

  /** Any presence other than a {@link OneAdd}: its parts, as they are. */
  static final class Full extends Presence {

    private final boolean collapsed;
    private final DotSet adds;
    private final DotSet tokens;
    private final VectorClock floor;

    private Full(boolean collapsed, DotSet adds, DotSet tokens, VectorClock floor) {
      this.collapsed = collapsed;
      this.adds = adds;
      this.tokens = tokens;
      this.floor = floor;
    }

    @Override
    boolean isCollapsed() {
      return collapsed;
    }

    @Override
    DotSet adds() {
      return adds;
    }

    @Override
    DotSet tokens() {
      return tokens;
    }

    @Override
    VectorClock floor() {
      return floor;
    }
  }

  /**
   * An element with one add dot and nothing else, the dot's two parts held inline: what almost every element of a
   * live set is. 24 bytes, where the general form costs a presence, a dot set and a dot (80).
   */
  static final class OneAdd extends Presence {

    private final ReplicaId replica;
    private final long counter;

    private OneAdd(Dot dot) {
      this.replica = dot.replica();
      this.counter = dot.counter();
    }

    Dot dot() {
      return new Dot(replica, counter);
    }

    @Override
    boolean isCollapsed() {
      return false;
    }

    @Override
    DotSet adds() {
      return DotSet.of(dot());
    }

    @Override
    DotSet tokens() {
      return DotSet.EMPTY;
    }

    @Override
    VectorClock floor() {
      return VectorClock.empty();
    }

    @Override
    boolean isPresent() {
      return true;
    }

    @Override
    public boolean isEmpty() {
      return false;
    }

    @Override
    Presence withAdd(Dot dot) {
      return new OneAdd(dot);
    }

    @Override
    boolean removeNeedsToken(VectorClock stableCut) {
      return stableCut.get(replica) >= counter;
    }

    @Override
    Presence removed(Dot dot, boolean withToken) {
      return withToken ? of(false, DotSet.EMPTY, DotSet.of(dot), VectorClock.empty()) : EMPTY;
    }

    @Override
    public Presence collapse(Cuts cuts) {
      // No token, no floor: the one add folds into the shared collapsed presence once every replica has it.
      return cuts.collapse().get(replica) >= counter ? COLLAPSED : this;
    }

    @Override
    public Presence renameDots(ReplicaId from, ReplicaId to, long offset) {
      return replica.equals(from) ? new OneAdd(DotStore.renamed(dot(), from, to, offset)) : this;
    }

    @Override
    public Iterable<Dot> heldDots() {
      return dots();
    }

    @Override
    public boolean equals(Object o) {
      if (o instanceof OneAdd other) {
        return counter == other.counter && replica.equals(other.replica);
      }
      // Presence.of never builds the other form with these parts; kept exact all the same.
      return super.equals(o);
    }

    @Override
    public int hashCode() {
      return 17 * dot().hashCode() + DotSet.EMPTY.hashCode() + 7 * VectorClock.empty().hashCode();
    }

    @Override
    public String toString() {
      return "[" + replica + ":" + counter + "]";
    }
  }
}
