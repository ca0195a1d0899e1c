package io.crdtkit.jackson;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.smile.SmileFactory;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * Mappers that decode untrusted input safely: the {@link CrdtkitModule} registered, and the parser constrained
 * to the same {@link CodecLimits} (document length, nesting depth, string length), so the limits also hold inside
 * your own element types. Take a builder to add your own modules and settings.
 *
 * <pre>{@code
 * SmileMapper wire = CrdtMappers.smile(CodecLimits.defaults().withMaxDocumentBytes(1 << 20));
 * JsonMapper store = CrdtMappers.jsonBuilder(CodecLimits.defaults()).addModule(myModule).build();
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public final class CrdtMappers {

  private CrdtMappers() {}

  /**
   * A JSON mapper with the default limits.
   *
   * @return a new mapper with the {@link CrdtkitModule} and the parser constrained to
   *     {@link CodecLimits#defaults()}
   */
  public static JsonMapper json() {
    return json(CodecLimits.defaults());
  }

  /**
   * A JSON mapper with {@code limits}.
   *
   * @param limits the limits of the module and of the parser; not null
   * @return a new mapper with the {@link CrdtkitModule} and the parser constrained to {@code limits}
   * @throws NullPointerException if {@code limits} is null
   */
  public static JsonMapper json(CodecLimits limits) {
    return jsonBuilder(limits).build();
  }

  /**
   * A JSON mapper builder with {@code limits}, ready for more configuration.
   *
   * @param limits the limits of the module and of the parser; not null
   * @return a new builder, its factory constrained to {@code limits} and the {@link CrdtkitModule} added
   * @throws NullPointerException if {@code limits} is null
   */
  public static JsonMapper.Builder jsonBuilder(CodecLimits limits) {
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(limits.streamReadConstraints()).build();
    return JsonMapper.builder(factory).addModule(CrdtkitModule.create(limits));
  }

  /**
   * A Smile (binary JSON) mapper with the default limits: the compact wire format.
   *
   * @return a new mapper with the {@link CrdtkitModule} and the parser constrained to
   *     {@link CodecLimits#defaults()}
   */
  public static SmileMapper smile() {
    return smile(CodecLimits.defaults());
  }

  /**
   * A Smile mapper with {@code limits}.
   *
   * @param limits the limits of the module and of the parser; not null
   * @return a new mapper with the {@link CrdtkitModule} and the parser constrained to {@code limits}
   * @throws NullPointerException if {@code limits} is null
   */
  public static SmileMapper smile(CodecLimits limits) {
    return smileBuilder(limits).build();
  }

  /**
   * A Smile mapper builder with {@code limits}, ready for more configuration.
   *
   * @param limits the limits of the module and of the parser; not null
   * @return a new builder, its factory constrained to {@code limits} and the {@link CrdtkitModule} added
   * @throws NullPointerException if {@code limits} is null
   */
  public static SmileMapper.Builder smileBuilder(CodecLimits limits) {
    SmileFactory factory = SmileFactory.builder().streamReadConstraints(limits.streamReadConstraints()).build();
    return SmileMapper.builder(factory).addModule(CrdtkitModule.create(limits));
  }
}
