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
 * longer than {@link CodecLimits#maxDocumentBytes()} before parsing it. It can also gzip large documents for
 * transport ({@link #withCompressionAbove}) and reads gzipped payloads, inflating no more than that limit.
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

  private static final int NEVER = Integer.MAX_VALUE;

  private final JavaType type;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final CodecLimits limits;
  private final int compressAbove;

  private CrdtCodec(JavaType type, ObjectReader reader, ObjectWriter writer, CodecLimits limits, int compressAbove) {
    this.type = type;
    this.reader = reader;
    this.writer = writer;
    this.limits = limits;
    this.compressAbove = compressAbove;
  }

  private static <T> CrdtCodec<T> create(ObjectMapper mapper, JavaType type) {
    CodecLimits limits = mapper.registeredModules().stream()
        .filter(CrdtkitModule.class::isInstance)
        .map(module -> ((CrdtkitModule) module).limits())
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "the mapper has no CrdtkitModule: register CrdtkitModule.create() or build it with CrdtMappers"));
    return new CrdtCodec<>(type, mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS),
        mapper.writerFor(type), limits, NEVER);
  }

  /**
   * The codec of {@code type} on {@code mapper}, which must have the {@link CrdtkitModule}: the codec takes the
   * module's {@link CodecLimits} for the checks it makes before parsing.
   *
   * @param <T>    the crdtkit type, with its type arguments
   * @param mapper the mapper that encodes and decodes, JSON or Smile, with the {@link CrdtkitModule} registered;
   *               not null
   * @param type   the full type, type arguments included ({@code new TypeReference<ORSet<String>>() {}}); not null
   * @return a new codec that does not compress (see {@link #withCompressionAbove})
   * @throws IllegalArgumentException if the mapper has no {@link CrdtkitModule}
   * @throws NullPointerException     if {@code mapper} or {@code type} is null
   */
  public static <T> CrdtCodec<T> of(ObjectMapper mapper, TypeReference<T> type) {
    return create(mapper, mapper.constructType(Objects.requireNonNull(type, "type")));
  }

  /**
   * The codec of a non-generic type ({@code GCounter.class}, {@code VectorClock.class}...). For a generic type
   * ({@code ORSet<String>}) take {@link #of(ObjectMapper, TypeReference)}: a raw class would lose its element type.
   *
   * @param <T>    the crdtkit type
   * @param mapper the mapper that encodes and decodes, JSON or Smile, with the {@link CrdtkitModule} registered;
   *               not null
   * @param type   the class of the type; not null
   * @return a new codec that does not compress (see {@link #withCompressionAbove})
   * @throws IllegalArgumentException if the mapper has no {@link CrdtkitModule}
   * @throws NullPointerException     if {@code mapper} or {@code type} is null
   */
  public static <T> CrdtCodec<T> of(ObjectMapper mapper, Class<T> type) {
    return create(mapper, mapper.constructType(Objects.requireNonNull(type, "type")));
  }

  /**
   * This codec, gzipping documents longer than {@code bytes} for transport: repetitive elements (ids with a
   * common prefix) shrink several times over. {@link #decode} reads compressed and plain payloads alike.
   * Compressed bytes are not canonical across JDKs (deflate implementations differ): hash the plain document.
   *
   * @param bytes the longest document, in bytes, that is still sent plain; 0 compresses every document
   * @return a new codec with the same mapper, type and limits; this one is unchanged
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public CrdtCodec<T> withCompressionAbove(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("compression threshold must be >= 0, got " + bytes);
    }
    return new CrdtCodec<>(type, reader, writer, limits, bytes);
  }

  /**
   * The type this codec encodes and decodes, type arguments included: two codecs of different types (an
   * {@code ORSet<String>} and an {@code ORSet<Integer>}) may read each other's documents, converting elements on
   * the way, so code that exchanges documents compares these first ({@code type().toCanonical()} is
   * {@code "io.crdtkit.ORSet<java.lang.String>"}).
   *
   * @return the type given to {@link #of(ObjectMapper, TypeReference)} or {@link #of(ObjectMapper, Class)}, as the
   *     mapper resolved it
   */
  public JavaType type() {
    return type;
  }

  /**
   * The state's document: equal states give identical bytes (unless compressed, see
   * {@link #withCompressionAbove}).
   *
   * @param state the state to encode; not null
   * @return a new array holding the document, gzipped if it is longer than the compression threshold
   * @throws NullPointerException if {@code state} is null
   * @throws tools.jackson.core.JacksonException if the mapper cannot write an element, key or value of the state,
   *     or has default typing activated (the codec never writes class names)
   */
  public byte[] encode(T state) {
    byte[] document = writer.writeValueAsBytes(Objects.requireNonNull(state, "state"));
    return document.length > compressAbove ? Gzip.compress(document) : document;
  }

  /**
   * The state {@code payload} holds.
   *
   * @param payload a document as {@link #encode} writes it, plain or gzipped; not null. It is only read.
   * @return a new state, never null
   * @throws NullPointerException if {@code payload} is null
   * @throws CrdtDecodeException if the payload is not a valid document of this type, whatever is wrong with it
   */
  public T decode(byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    if (Gzip.isCompressed(payload)) {
      return decodeDocument(Gzip.inflate(payload, limits.maxDocumentBytes()));
    }
    return decodeDocument(payload);
  }

  private T decodeDocument(byte[] payload) {
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
