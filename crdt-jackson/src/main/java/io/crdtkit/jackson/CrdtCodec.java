package io.crdtkit.jackson;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * Encodes and decodes one crdtkit type with a given mapper, for code that handles whole payloads (a network
 * message, a database column). Unlike a bare {@code mapper.readValue}, {@link #decode} fails with a
 * {@link CrdtDecodeException} for <em>every</em> bad payload, including those the parser rejects before the
 * document starts (empty input, a broken first byte) or after it ends (trailing bytes), and it refuses a payload
 * longer than {@link CodecLimits#maxDocumentBytes()} before parsing it.
 *
 * <pre>{@code
 * CrdtCodec<ORSet<String>> carts = CrdtCodec.of(CrdtMappers.smile(), new TypeReference<ORSet<String>>() {});
 * byte[] bytes = carts.encode(cart);
 * ORSet<String> back = carts.decode(bytes);       // equal to cart; throws CrdtDecodeException if bad
 * }</pre>
 *
 * <p>Immutable and thread-safe, like the mapper.
 *
 * @param <T> the crdtkit type, with its type arguments
 */
@API(status = STABLE, since = "0.1")
public final class CrdtCodec<T> {

  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final CodecLimits limits;

  private CrdtCodec(ObjectMapper mapper, JavaType type) {
    this.limits = mapper.registeredModules().stream()
        .filter(CrdtkitModule.class::isInstance)
        .map(module -> ((CrdtkitModule) module).limits())
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "the mapper has no CrdtkitModule: register CrdtkitModule.create() or build it with CrdtMappers"));
    this.reader = mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.writer = mapper.writerFor(type);
  }

  /** The codec of {@code type} on {@code mapper}, which must have the {@link CrdtkitModule}. */
  public static <T> CrdtCodec<T> of(ObjectMapper mapper, TypeReference<T> type) {
    return new CrdtCodec<>(mapper, mapper.constructType(Objects.requireNonNull(type, "type")));
  }

  /** The codec of a non-generic type ({@code GCounter.class}, {@code VectorClock.class}...). */
  public static <T> CrdtCodec<T> of(ObjectMapper mapper, Class<T> type) {
    return new CrdtCodec<>(mapper, mapper.constructType(Objects.requireNonNull(type, "type")));
  }

  /** The state's document: equal states give identical bytes. */
  public byte[] encode(T state) {
    return writer.writeValueAsBytes(Objects.requireNonNull(state, "state"));
  }

  /**
   * The state {@code payload} holds.
   *
   * @throws CrdtDecodeException if the payload is not a valid document of this type, whatever is wrong with it
   */
  public T decode(byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    if (payload.length > limits.maxDocumentBytes()) {
      throw new CrdtDecodeException(null, "", "the payload has " + payload.length + " bytes, more than "
          + limits.maxDocumentBytes() + " (CodecLimits.maxDocumentBytes)", null);
    }
    T state;
    try {
      state = reader.readValue(payload);
    } catch (CrdtDecodeException e) {
      throw e;
    } catch (JacksonException e) {
      throw new CrdtDecodeException(null, pointerOf(e), "malformed input: " + WireReader.message(e), e);
    }
    if (state == null) {
      throw new CrdtDecodeException(null, "", "the payload is null, not a document", null);
    }
    return state;
  }

  /** The failure's location as a JSON Pointer, as far as Jackson's path says. */
  private static String pointerOf(JacksonException e) {
    StringBuilder pointer = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      pointer.append('/').append(reference.getIndex() >= 0 ? String.valueOf(reference.getIndex())
          : String.valueOf(reference.getPropertyName()));
    }
    return pointer.toString();
  }
}
