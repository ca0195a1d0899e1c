package io.crdtkit.jackson;

import io.crdtkit.DWFlag;
import io.crdtkit.EWFlag;
import io.crdtkit.GCounter;
import io.crdtkit.GSet;
import io.crdtkit.LWWMap;
import io.crdtkit.LWWRegister;
import io.crdtkit.MVRegister;
import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.PNCounter;
import io.crdtkit.RWSet;
import io.crdtkit.Sequence;
import io.crdtkit.TwoPhaseSet;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.VectorClock;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

/** The body codec of each crdtkit type, for a declared type with its type arguments resolved. */
final class BodyCodecs {

  /** Every class with a document format; all final, so a runtime class and a declared one name the same codec. */
  static final Set<Class<?>> TYPES = Set.of(
      GCounter.class, PNCounter.class, GSet.class, TwoPhaseSet.class, ORSet.class, RWSet.class, EWFlag.class,
      DWFlag.class, MVRegister.class, LWWRegister.class, LWWMap.class, ORMap.class, Sequence.class,
      Dot.class, VectorClock.class, CausalContext.class, HlcTimestamp.class);

  private static final ClassValue<Optional<BodyCodec<?>>> BY_RUNTIME_CLASS = new ClassValue<>() {
    @Override
    protected Optional<BodyCodec<?>> computeValue(Class<?> raw) {
      return Optional.ofNullable(forType(TypeFactory.unsafeSimpleType(raw)));
    }
  };

  private BodyCodecs() {}

  /**
   * The codec for a value's runtime class, its type arguments unknown. Writing a nested value by its runtime
   * class gives the same bytes as writing it by its declared type (elements of a non-final declared type are
   * written by their runtime class anyway), so a map written without a {@code TypeReference} still encodes
   * canonically.
   */
  @SuppressWarnings("unchecked")
  static <T> @Nullable BodyCodec<T> forRuntimeClass(Class<?> raw) {
    return (BodyCodec<T>) BY_RUNTIME_CLASS.get(raw).orElse(null);
  }

  /** The codec for {@code type}, or {@code null} if it is not a crdtkit type with a document format. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static @Nullable BodyCodec<?> forType(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == GCounter.class) {
      return GCounterCodec.INSTANCE;
    } else if (raw == PNCounter.class) {
      return PNCounterCodec.INSTANCE;
    } else if (raw == GSet.class) {
      return new GSetCodec<>(parameter(type, 0));
    } else if (raw == TwoPhaseSet.class) {
      return new TwoPhaseSetCodec<>(parameter(type, 0));
    } else if (raw == ORSet.class) {
      return new ORSetCodec<>(parameter(type, 0));
    } else if (raw == RWSet.class) {
      return new RWSetCodec<>(parameter(type, 0));
    } else if (raw == EWFlag.class) {
      return EWFlagCodec.INSTANCE;
    } else if (raw == DWFlag.class) {
      return DWFlagCodec.INSTANCE;
    } else if (raw == MVRegister.class) {
      return new MVRegisterCodec<>(parameter(type, 0));
    } else if (raw == LWWRegister.class) {
      return new LWWRegisterCodec<>(parameter(type, 0));
    } else if (raw == LWWMap.class) {
      return new LWWMapCodec<>(parameter(type, 0), parameter(type, 1));
    } else if (raw == ORMap.class) {
      JavaType valueType = parameter(type, 1);
      return new ORMapCodec(parameter(type, 0), valueType, forType(valueType));
    } else if (raw == Sequence.class) {
      return new SequenceCodec<>(parameter(type, 0));
    }
    return clockCodec(raw);
  }

  private static @Nullable BodyCodec<?> clockCodec(Class<?> raw) {
    if (raw == Dot.class) {
      return DotCodec.INSTANCE;
    } else if (raw == VectorClock.class) {
      return VectorClockCodec.INSTANCE;
    } else if (raw == CausalContext.class) {
      return CausalContextCodec.INSTANCE;
    } else if (raw == HlcTimestamp.class) {
      return HlcTimestampCodec.INSTANCE;
    }
    return null;
  }

  /** A type argument; {@code Object} for a raw type, whose values are then read as Jackson's untyped ones. */
  private static JavaType parameter(JavaType type, int index) {
    return type.containedTypeOrUnknown(index);
  }
}
