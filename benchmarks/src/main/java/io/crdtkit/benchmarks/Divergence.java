package io.crdtkit.benchmarks;

/**
 * What two replicas of one {@code size}-element state did apart from each other, so that a {@code fraction} of
 * the elements differs between them: each side makes {@code fraction * size / 2} updates, half of them adds of
 * new elements and half removes (or overwrites, for maps) of existing ones, on elements the other side leaves
 * alone. A 1% divergence of 100,000 elements is 500 updates on each side, 1,000 differing elements in all.
 *
 * @param leftAdds     new elements the left replica adds
 * @param leftChanges  existing elements the left replica removes or overwrites
 * @param rightAdds    new elements the right replica adds
 * @param rightChanges existing elements the right replica removes or overwrites, disjoint from the left's
 */
record Divergence(String[] leftAdds, String[] leftChanges, String[] rightAdds, String[] rightChanges) {

  /** The updates of each side for {@code fraction} of {@code elements} (the fixture's existing elements). */
  static Divergence of(String[] elements, double fraction) {
    int perSide = (int) Math.round(fraction * elements.length / 2);
    int adds = perSide / 2;
    int changes = perSide - adds;
    if (2 * changes > elements.length) {
      throw new IllegalArgumentException("a divergence of " + fraction + " needs more than " + elements.length
          + " elements");
    }
    String[] leftChanges = new String[changes];
    String[] rightChanges = new String[changes];
    for (int i = 0; i < changes; i++) {
      // Spread over the whole state, so that no side's changes cluster in one part of a hash trie.
      leftChanges[i] = elements[2 * i * (elements.length / (2 * Math.max(changes, 1)))];
      rightChanges[i] = elements[2 * i * (elements.length / (2 * Math.max(changes, 1))) + 1];
    }
    return new Divergence(
        Elements.items(elements.length, adds), leftChanges,
        Elements.items(elements.length + adds, adds), rightChanges);
  }

  /** How many elements differ between the two sides. */
  int differing() {
    return leftAdds.length + leftChanges.length + rightAdds.length + rightChanges.length;
  }
}
