package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtMappers;
import java.util.Objects;
import java.util.function.Function;
import org.apiguardian.api.API;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * A type that keys may have, registered once per node ({@link CrdtNode#registerType}): a key of this type that one
 * member creates appears on every member that knows the type, without being registered there. Its {@link #id()}
 * travels with every state and delta of its keys; a member creates an unknown key by merging what it received into
 * the type's {@link #bottom()}.
 *
 * <pre>{@code
 * static final CrdtKeyType<ORSet<String>> SET_OF_STRINGS = CrdtKeyType.of(new TypeReference<>() {}, ORSet.empty());
 * }</pre>
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class CrdtKeyType<S extends Crdt<S>> {

  private final String id;
  private final S bottom;
  private final Function<ObjectMapper, CrdtCodec<S>> codecs;

  private CrdtKeyType(S bottom, Function<ObjectMapper, CrdtCodec<S>> codecs) {
    this.bottom = Objects.requireNonNull(bottom, "bottom");
    this.codecs = codecs;
    // The id is the descriptor every entry already carries (KeyTypes): keys registered by name and keys created at
    // runtime check received entries alike, and members of the previous release understand it.
    this.id = KeyTypes.nameOf(codecs.apply(CrdtMappers.smile()).type());
  }

  /**
   * A key type with type arguments ({@code ORSet<String>}): the element types are part of its id.
   *
   * @param <S>    the CRDT type
   * @param type   the full type, type arguments included ({@code new TypeReference<ORSet<String>>() {}}); not null
   * @param bottom the value a key of this type starts from, usually the type's empty value; not null
   * @return a new key type
   * @throws NullPointerException if an argument is null
   */
  public static <S extends Crdt<S>> CrdtKeyType<S> of(TypeReference<S> type, S bottom) {
    Objects.requireNonNull(type, "type");
    return new CrdtKeyType<>(bottom, mapper -> CrdtCodec.of(mapper, type));
  }

  /**
   * A key type without type parameters ({@code GCounter}, {@code PNCounter}...).
   *
   * @param <S>    the CRDT type
   * @param type   the class of the type; not null
   * @param bottom the value a key of this type starts from, usually the type's empty value; not null
   * @return a new key type
   * @throws NullPointerException if an argument is null
   */
  public static <S extends Crdt<S>> CrdtKeyType<S> of(Class<S> type, S bottom) {
    Objects.requireNonNull(type, "type");
    return new CrdtKeyType<>(bottom, mapper -> CrdtCodec.of(mapper, type));
  }

  /**
   * The name this type travels under: its canonical Java type, element types included.
   *
   * @return for example {@code "io.crdtkit.ORSet<java.lang.String>"}
   */
  public String id() {
    return id;
  }

  /**
   * The value a key of this type starts from.
   *
   * @return the bottom given to the factory
   */
  public S bottom() {
    return bottom;
  }

  /** The type of a key registered by name with its own codec: what a {@link KeyListener} is told about it. */
  static <S extends Crdt<S>> CrdtKeyType<S> ofCodec(CrdtCodec<S> codec, S initial) {
    return new CrdtKeyType<>(initial, mapper -> codec);
  }

  /** This type's codec on a node's mapper (with the node's limits). */
  CrdtCodec<S> codec(ObjectMapper mapper) {
    return codecs.apply(mapper);
  }

  /**
   * Whether {@code other} is the same type with the same bottom.
   *
   * @param other another object, may be null
   * @return true if it is a key type with an equal id and an equal bottom
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof CrdtKeyType<?> that && id.equals(that.id) && bottom.equals(that.bottom);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "CrdtKeyType{" + id + "}";
  }
}
