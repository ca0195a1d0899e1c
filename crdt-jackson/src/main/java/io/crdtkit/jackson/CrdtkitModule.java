package io.crdtkit.jackson;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;
import tools.jackson.core.Version;
import tools.jackson.databind.JacksonModule;

/**
 * The Jackson 3 module for every crdtkit type and clock. Register it on your own mapper, JSON or Smile, in one
 * line:
 *
 * <pre>{@code
 * JsonMapper json = JsonMapper.builder().addModule(CrdtkitModule.create()).build();
 * SmileMapper smile = SmileMapper.builder().addModule(CrdtkitModule.create()).build();
 *
 * byte[] bytes = smile.writeValueAsBytes(cart);
 * ORMap<String, PNCounter> back = smile.readValue(bytes, new TypeReference<ORMap<String, PNCounter>>() {});
 * }</pre>
 *
 * <p>Elements, keys and values of your types are written with the mapper's own serializers for the declared type
 * (pass a {@code TypeReference} or {@code JavaType}, as above), never with type information or class names; a
 * mapper with default typing activated is refused, both ways, because it would put class names inside your values
 * and, worse, read them from input. Each crdtkit value is written as a versioned document (FORMAT.md);
 * {@link io.crdtkit.clock.ReplicaId} as a plain string, also as a map key.
 *
 * <p>The module checks its {@link CodecLimits} itself; for the parser-level ones (string length, nesting depth)
 * to cover your own element types too, build the mapper with {@link CrdtMappers}.
 */
@API(status = STABLE, since = "0.1")
public final class CrdtkitModule extends JacksonModule {

  private final CodecLimits limits;

  private CrdtkitModule(CodecLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * The module with {@link CodecLimits#defaults()}, as {@link #create()} gives it: the constructor Java's
   * {@link java.util.ServiceLoader} calls, so that a mapper built with {@code findAndAddModules()} (a Spring Boot
   * application's, for one) registers crdtkit without code. Applications call {@link #create()}.
   */
  public CrdtkitModule() {
    this(CodecLimits.defaults());
  }

  /**
   * The module with {@link CodecLimits#defaults()}.
   *
   * @return a new module
   */
  public static CrdtkitModule create() {
    return new CrdtkitModule();
  }

  /**
   * The module with these limits.
   *
   * @param limits the limits its decoders enforce; not null
   * @return a new module
   * @throws NullPointerException if {@code limits} is null
   */
  public static CrdtkitModule create(CodecLimits limits) {
    return new CrdtkitModule(limits);
  }

  /**
   * The limits its decoders enforce.
   *
   * @return the limits given to {@link #create(CodecLimits)}, or the defaults
   */
  public CodecLimits limits() {
    return limits;
  }

  @Override
  public String getModuleName() {
    return "crdtkit";
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  public void setupModule(SetupContext context) {
    context.addSerializers(new CrdtSerializers());
    context.addKeySerializers(CrdtSerializers.KEYS);
    context.addDeserializers(new CrdtDeserializers(limits));
    context.addKeyDeserializers(CrdtDeserializers.KEYS);
  }
}
