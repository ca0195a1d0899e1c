package io.crdtkit.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a snippet test writes what its snippet printed, so that the page shows the output of the run and
 * not a hand-copied one. The site is rendered after the tests (site/pom.xml), from {@code target/snippets}.
 */
final class SnippetOutput {

  private SnippetOutput() {}

  static Path directory() {
    return Path.of(System.getProperty("snippets.dir", "target/snippets"));
  }

  static void write(String fileName, String text) {
    try {
      Path file = directory().resolve(fileName);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the snippet output " + fileName, e);
    }
  }
}
