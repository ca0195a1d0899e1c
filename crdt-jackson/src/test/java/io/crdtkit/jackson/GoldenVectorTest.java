package io.crdtkit.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Backward compatibility: every checked-in document of every format version must keep decoding to the same
 * state in every later release. Documents of the current version must also be exactly what the encoder writes
 * now, so an accidental change of the format fails here instead of in production.
 *
 * <p>To add vectors for a new state or a new version, add the state to {@link GoldenVectors} and run
 * {@code ./mvnw -B verify -pl crdt-jackson -Dtest=GoldenVectorTest -Dgolden.write=true}: it writes the missing
 * files of the current version and never overwrites one.
 */
class GoldenVectorTest {

  static final Path ROOT = Path.of("src/test/resources/golden");

  @TestFactory
  Stream<DynamicTest> everyVectorOfEveryVersionDecodesToItsState() {
    List<DynamicTest> tests = new ArrayList<>();
    for (int version = 1; version <= Format.CURRENT_VERSION; version++) {
      for (GoldenVectors.Vector<?> vector : GoldenVectors.all()) {
        for (Format format : Format.values()) {
          Path file = format.file(version, vector.name());
          boolean current = version == Format.CURRENT_VERSION;
          if (!current && !Files.exists(file)) {
            continue;                                 // a vector added in a later version
          }
          tests.add(DynamicTest.dynamicTest("v" + version + " " + file.getFileName(),
              () -> check(vector, format, file, current)));
        }
      }
    }
    return tests.stream();
  }

  @Test
  void everyFileBelongsToAVector() throws IOException {
    List<String> expected = new ArrayList<>();
    for (GoldenVectors.Vector<?> vector : GoldenVectors.all()) {
      for (Format format : Format.values()) {
        expected.add(ROOT.relativize(format.file(Format.CURRENT_VERSION, vector.name())).toString());
      }
    }
    try (Stream<Path> files = Files.list(ROOT.resolve("v" + Format.CURRENT_VERSION))) {
      assertThat(files.map(file -> ROOT.relativize(file).toString())).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "golden.write", matches = "true")
  void writeMissingVectorsOfTheCurrentVersion() throws IOException {
    for (GoldenVectors.Vector<?> vector : GoldenVectors.all()) {
      for (Format format : Format.values()) {
        Path file = format.file(Format.CURRENT_VERSION, vector.name());
        if (!Files.exists(file)) {
          Files.createDirectories(file.getParent());
          Files.write(file, format.encode(vector));
        }
      }
    }
  }

  private static <S> void check(GoldenVectors.Vector<S> vector, Format format, Path file, boolean current) {
    byte[] bytes = read(file);
    assertThat(format.codec(vector).decode(bytes)).isEqualTo(vector.state());
    if (current) {
      assertThat(format.encode(vector)).as("the encoding of %s", file).isEqualTo(bytes);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("missing golden vector " + file, e);
    }
  }

  private enum Format {
    JSON, SMILE;

    static final int CURRENT_VERSION = io.crdtkit.jackson.Format.CURRENT_VERSION;

    Path file(int version, String name) {
      return ROOT.resolve("v" + version).resolve(name + (this == JSON ? ".json" : ".smile"));
    }

    <S> CrdtCodec<S> codec(GoldenVectors.Vector<S> vector) {
      return CrdtCodec.of(this == JSON ? Codecs.JSON : Codecs.SMILE, vector.type());
    }

    <S> byte[] encode(GoldenVectors.Vector<S> vector) {
      return codec(vector).encode(vector.state());
    }
  }
}
