package io.crdtkit.laws.types;

import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtMappers;
import java.util.function.UnaryOperator;
import tools.jackson.core.type.TypeReference;

/**
 * The round trip the core types' law suites check: through crdt-jackson, in JSON and then in Smile (the wire
 * format), so every reachable state of every type must survive both.
 */
public final class RoundTrips {

  private RoundTrips() {}

  public static <S> UnaryOperator<S> jsonThenSmile(TypeReference<S> type) {
    CrdtCodec<S> json = CrdtCodec.of(CrdtMappers.json(), type);
    CrdtCodec<S> smile = CrdtCodec.of(CrdtMappers.smile(), type);
    return state -> smile.decode(smile.encode(json.decode(json.encode(state))));
  }
}
