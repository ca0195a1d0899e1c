package io.crdtkit.laws.types;

import io.crdtkit.Sequence;
import io.crdtkit.clock.Dot;
import java.util.ArrayList;
import java.util.List;

/**
 * How a list specification reads a state through its public API: the ids of the live elements in document order,
 * and the elements themselves. Pluggable so that the self-tests can point the specification at planted broken
 * lists.
 *
 * @param <S> the CRDT type
 */
public interface ListView<S> {

  /** The ids of the live elements, in document order. */
  List<Dot> ids(S state);

  /** The live elements, in document order. */
  List<?> elements(S state);

  /** A {@link Sequence} read with {@code idAt(0..size-1)} and {@code value()}. */
  static <E> ListView<Sequence<E>> sequence() {
    return new ListView<>() {
      @Override
      public List<Dot> ids(Sequence<E> state) {
        List<Dot> ids = new ArrayList<>(state.size());
        for (int i = 0; i < state.size(); i++) {
          ids.add(state.idAt(i));
        }
        return ids;
      }

      @Override
      public List<?> elements(Sequence<E> state) {
        return state.value().asJava();
      }
    };
  }
}
