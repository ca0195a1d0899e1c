package io.crdtkit.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Backward compatibility: every checked-in document of every format version must keep decoding to the same
 * state in every later release. Documents of the current version must also be exactly what the encoder writes
 * now, so an accidental change of the format fails here instead of in production. A document is written in the
 * oldest version that can express it, so a vector's current files are in that version's directory: most in
 * {@code v2}, a one-add ORSet in {@code v3}.
 *
 * <p>To add vectors for a new state or a new version, add the state to {@link GoldenVectors} and run
 * {@code ./mvnw -B verify -pl crdt-jackson -Dtest=GoldenVectorTest -Dgolden.write=true}: it writes the missing
 * files of the versions the encoder writes and never overwrites one.
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
          boolean current = version == writtenVersion(vector);
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

  /**
   * Every file of a version this release writes (from {@link Format#BASE_VERSION} on) belongs to a vector, and
   * every vector has its files in the directory of the version the encoder writes it in.
   */
  @Test
  void everyFileBelongsToAVector() throws IOException {
    for (int version = Format.BASE_VERSION; version <= Format.CURRENT_VERSION; version++) {
      List<String> names = new ArrayList<>();
      List<String> written = new ArrayList<>();
      for (GoldenVectors.Vector<?> vector : GoldenVectors.all()) {
        for (Format format : Format.values()) {
          String file = ROOT.relativize(format.file(version, vector.name())).toString();
          names.add(file);
          if (writtenVersion(vector) == version) {
            written.add(file);
          }
        }
      }
      try (Stream<Path> files = Files.list(ROOT.resolve("v" + version))) {
        List<String> present = files.map(file -> ROOT.relativize(file).toString()).toList();
        assertThat(names).containsAll(present);
        assertThat(present).containsAll(written);
      }
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "golden.write", matches = "true")
  void writeMissingVectorsOfTheCurrentVersion() throws IOException {
    for (GoldenVectors.Vector<?> vector : GoldenVectors.all()) {
      for (Format format : Format.values()) {
        Path file = format.file(writtenVersion(vector), vector.name());
        if (!Files.exists(file)) {
          Files.createDirectories(file.getParent());
          Files.write(file, format.encode(vector));
        }
      }
    }
  }

  private static final Pattern VERSION = Pattern.compile("^\\{\"type\":\"[A-Za-z]+\",\"version\":(\\d+),");

  /**
   * The version the encoder writes {@code vector} in: the oldest that can express it (FORMAT.md, "Versions");
   * {@link Format#BASE_VERSION} for a value that is no document (a replica id).
   */
  static int writtenVersion(GoldenVectors.Vector<?> vector) {
    Matcher version = VERSION.matcher(new String(Format.JSON.encode(vector), StandardCharsets.UTF_8));
    return version.find() ? Integer.parseInt(version.group(1)) : Format.BASE_VERSION;
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
    static final int BASE_VERSION = io.crdtkit.jackson.Format.BASE_VERSION;

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
