package io.crdtkit.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples in FORMAT.md are golden vectors: each {@code <!-- golden v1/name.json -->} marker must be followed
 * by exactly the content of that file, so the page cannot drift from what the codec writes.
 */
class FormatDocTest {

  private static final Pattern EXAMPLE =
      Pattern.compile("<!-- golden (v\\d+/[a-z0-9-]+\\.json) -->\\n```json\\n(.*?)\\n```", Pattern.DOTALL);

  @Test
  void everyExampleIsItsGoldenVector() throws IOException {
    String page = Files.readString(Path.of("FORMAT.md"), StandardCharsets.UTF_8);
    Matcher example = EXAMPLE.matcher(page);
    int examples = 0;
    while (example.find()) {
      Path vector = GoldenVectorTest.ROOT.resolve(example.group(1));
      assertThat(example.group(2)).as(example.group(1))
          .isEqualTo(Files.readString(vector, StandardCharsets.UTF_8));
      examples++;
    }
    assertThat(examples).as("examples on the page").isGreaterThanOrEqualTo(20);
    assertThat(page.split("<!-- golden ", -1)).as("every marker is followed by a json block").hasSize(examples + 1);
  }
}
