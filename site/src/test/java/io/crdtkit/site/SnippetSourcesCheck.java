package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every page's Java blocks are includes of tagged regions of tests ({@link JavaBlocks}). */
class SnippetSourcesCheck {

  private static final Path SOURCES = Path.of(System.getProperty("site.sources", "src/docs/asciidoc"));

  @Test
  void noPageHoldsAJavaBlockThatIsNotAnIncludeOfATest() throws IOException {
    List<Path> pages;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      pages = files.filter(file -> file.toString().endsWith(".adoc")).sorted().toList();
    }
    assertThat(pages).isNotEmpty();
    StringBuilder found = new StringBuilder();
    for (Path page : pages) {
      JavaBlocks.violations(Files.readString(page)).forEach(violation ->
          found.append(SOURCES.relativize(page)).append(", ").append(violation).append('\n'));
    }
    assertThat(found.toString()).as("Java blocks that are not includes of a test's tagged region").isEmpty();
  }
}
