package io.crdtkit.laws.types;

import io.crdtkit.Sequence;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/**
 * Every law of the kit for {@link Sequence}: inserts of 1 to 4 characters and range deletes at random indexes, on 2
 * to 5 replicas, each in full and delta form. No round trip: crdt-jackson has no codec for Sequence yet (a
 * {@code Sequence} state would be encoded as a bean, not as its elements), so the round trip law is skipped.
 */
class SequenceLaws extends CrdtLawProperties<Sequence<Character>> {

  @Override
  protected CrdtDescription<Sequence<Character>> description() {
    return CoreTypes.sequence();
  }
}
