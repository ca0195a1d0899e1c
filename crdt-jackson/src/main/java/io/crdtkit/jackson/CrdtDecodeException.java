package io.crdtkit.jackson;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;

/**
 * A crdtkit document could not be decoded: it is malformed or truncated, exceeds a {@link CodecLimits limit},
 * has an unknown format version, or describes a state that breaks one of its type's invariants (a dot beyond the
 * causal context, a dot held twice, a negative count...). Nothing was built: states are immutable and a decoder
 * validates everything before it returns one.
 *
 * <p>It is the one exception the codec throws for bad input. It is a {@link DatabindException}, so Jackson passes
 * it through unwrapped (adding the path of any enclosing bean to the message), and {@code catch
 * (JacksonException e)} catches it with every other Jackson error.
 *
 * <pre>{@code
 * try {
 *   cart = mapper.readValue(json, new TypeReference<ORSet<String>>() {});
 * } catch (CrdtDecodeException e) {
 *   log.warn("dropped a bad cart at {}: {}", e.pointer(), e.rule());
 * }
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public final class CrdtDecodeException extends DatabindException {

  // Bad input may be hostile: what it holds is quoted only in short, printable excerpts, so that an error
  // message cannot flood or forge a log line.
  private static final int MAX_RULE_LENGTH = 500;
  private static final int MAX_POINTER_LENGTH = 200;

  /** Where the rule was broken, as a JSON Pointer; printable, cut to about 200 characters. */
  private final String pointer;
  /** The rule or limit that was broken, in words; printable, cut to about 500 characters. */
  private final String rule;

  CrdtDecodeException(@Nullable JsonParser parser, String pointer, String rule, @Nullable Throwable cause) {
    super(parser, describe(printable(pointer, MAX_POINTER_LENGTH), printable(rule, MAX_RULE_LENGTH)),
        parser == null ? null : parser.currentTokenLocation(), cause);
    // Field names in a pointer come from the input too.
    this.pointer = printable(pointer, MAX_POINTER_LENGTH);
    this.rule = printable(rule, MAX_RULE_LENGTH);
  }

  /**
   * The JSON Pointer (RFC 6901) of the value that broke the rule, from the start of the input: {@code ""} for
   * the document itself, {@code "/elements/3/2"} for the third item of the fourth entry of its elements. Like the
   * rule, it is made printable and cut short if the input's field names are not.
   *
   * @return the pointer, never null; {@code ""} when the whole document (or the payload before it) is at fault
   */
  public String pointer() {
    return pointer;
  }

  /**
   * The rule that was broken, or the limit that was hit, in words.
   *
   * @return the rule, never null, made printable (control characters escaped) and cut to about 500 characters:
   *     it may quote the input, which may be hostile
   */
  public String rule() {
    return rule;
  }

  private static String describe(String pointer, String rule) {
    return "invalid crdtkit document at " + (pointer.isEmpty() ? "the document root" : pointer) + ": " + rule;
  }

  /** {@code text} with control and formatting characters escaped and cut to {@code max} characters. */
  static String printable(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    for (int i = 0; i < text.length(); i++) {
      if (out.length() >= max) {
        return out.append("...").toString();
      }
      char c = text.charAt(i);
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
          || Character.isSurrogate(c) && !isPairedSurrogate(text, i)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isPairedSurrogate(String text, int i) {
    char c = text.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
