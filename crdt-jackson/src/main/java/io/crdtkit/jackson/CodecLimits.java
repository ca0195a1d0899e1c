package io.crdtkit.jackson;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
import tools.jackson.core.StreamReadConstraints;

/**
 * How much one document may hold before decoding refuses it: the defence against payloads built to exhaust
 * memory or stack. Every limit is checked while reading, before the state is built, so a refused payload never
 * costs more than the limits allow.
 *
 * <pre>{@code
 * CodecLimits limits = CodecLimits.defaults().withMaxElements(5_000_000);   // a bigger set than usual
 * JsonMapper mapper = CrdtMappers.json(limits);
 * }</pre>
 *
 * <p>{@link #maxElements}, {@link #maxReplicas} and {@link #maxDocumentBytes} are checked by the codec itself on
 * any mapper. {@link #maxNestingDepth}, {@link #maxStringLength} and {@link #maxDocumentBytes} also bound what
 * the parser reads for your own element types; they apply there only through {@link #streamReadConstraints()},
 * which the mappers of {@link CrdtMappers} install (install it on your own factory to get the same).
 *
 * @param maxDocumentBytes the longest document, in bytes (Smile, JSON bytes) or characters (JSON text)
 * @param maxElements      the most items in one document, all collections together: set elements, map entries,
 *                         dots, vector-clock entries
 * @param maxReplicas      the most entries in a document's replica table
 * @param maxNestingDepth  the deepest nesting of arrays and objects, counted from the start of the input
 * @param maxStringLength  the longest string value, in characters
 */
@API(status = STABLE, since = "0.1")
public record CodecLimits(
    long maxDocumentBytes, int maxElements, int maxReplicas, int maxNestingDepth, int maxStringLength) {

  private static final CodecLimits DEFAULTS = new CodecLimits(64L << 20, 1_000_000, 65_536, 64, 1 << 20);

  /**
   * Limits as given; each must be at least 1 (a limit of 0 would refuse every document).
   *
   * @param maxDocumentBytes the longest document, in bytes (Smile, JSON bytes) or characters (JSON text)
   * @param maxElements      the most items in one document, all collections together
   * @param maxReplicas      the most entries in a document's replica table
   * @param maxNestingDepth  the deepest nesting of arrays and objects, counted from the start of the input
   * @param maxStringLength  the longest string value, in characters
   * @throws IllegalArgumentException if any limit is below 1
   */
  public CodecLimits {
    requirePositive("maxDocumentBytes", maxDocumentBytes);
    requirePositive("maxElements", maxElements);
    requirePositive("maxReplicas", maxReplicas);
    requirePositive("maxNestingDepth", maxNestingDepth);
    requirePositive("maxStringLength", maxStringLength);
  }

  /**
   * 64 MiB per document, 1,000,000 items, 65,536 replicas, nesting depth 64, strings up to 1 MiB characters:
   * room for a million-element set, while a hostile payload cannot make a decoder hold much more than a few
   * hundred MiB.
   *
   * @return the default limits, always the same instance
   */
  public static CodecLimits defaults() {
    return DEFAULTS;
  }

  /**
   * These limits with {@code bytes} as the longest document.
   *
   * @param bytes the longest document, in bytes (or characters of JSON text); at least 1
   * @return new limits with the other four unchanged; this instance is immutable and stays as it was
   * @throws IllegalArgumentException if {@code bytes} is below 1
   */
  public CodecLimits withMaxDocumentBytes(long bytes) {
    return new CodecLimits(bytes, maxElements, maxReplicas, maxNestingDepth, maxStringLength);
  }

  /**
   * These limits with {@code elements} as the most items in one document.
   *
   * @param elements the most items in one document, all collections together; at least 1
   * @return new limits with the other four unchanged; this instance is immutable and stays as it was
   * @throws IllegalArgumentException if {@code elements} is below 1
   */
  public CodecLimits withMaxElements(int elements) {
    return new CodecLimits(maxDocumentBytes, elements, maxReplicas, maxNestingDepth, maxStringLength);
  }

  /**
   * These limits with {@code replicas} as the most entries in a replica table.
   *
   * @param replicas the most entries in a document's replica table; at least 1
   * @return new limits with the other four unchanged; this instance is immutable and stays as it was
   * @throws IllegalArgumentException if {@code replicas} is below 1
   */
  public CodecLimits withMaxReplicas(int replicas) {
    return new CodecLimits(maxDocumentBytes, maxElements, replicas, maxNestingDepth, maxStringLength);
  }

  /**
   * These limits with {@code depth} as the deepest nesting.
   *
   * @param depth the deepest nesting of arrays and objects; at least 1
   * @return new limits with the other four unchanged; this instance is immutable and stays as it was
   * @throws IllegalArgumentException if {@code depth} is below 1
   */
  public CodecLimits withMaxNestingDepth(int depth) {
    return new CodecLimits(maxDocumentBytes, maxElements, maxReplicas, depth, maxStringLength);
  }

  /**
   * These limits with {@code length} as the longest string.
   *
   * @param length the longest string value, in characters; at least 1
   * @return new limits with the other four unchanged; this instance is immutable and stays as it was
   * @throws IllegalArgumentException if {@code length} is below 1
   */
  public CodecLimits withMaxStringLength(int length) {
    return new CodecLimits(maxDocumentBytes, maxElements, maxReplicas, maxNestingDepth, length);
  }

  /**
   * The parser constraints matching these limits (document length, nesting depth, string length), for the
   * parts of a document the codec hands to your own deserializers:
   * {@code JsonFactory.builder().streamReadConstraints(limits.streamReadConstraints()).build()}.
   *
   * @return new constraints built from {@link #maxDocumentBytes}, {@link #maxNestingDepth} and
   *     {@link #maxStringLength}; the parser's other constraints keep Jackson's defaults
   */
  public StreamReadConstraints streamReadConstraints() {
    return StreamReadConstraints.builder()
        .maxDocumentLength(maxDocumentBytes)
        .maxNestingDepth(maxNestingDepth)
        .maxStringLength(maxStringLength)
        .build();
  }

  private static void requirePositive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException("codec limit " + name + " must be >= 1, got " + value);
    }
  }
}
