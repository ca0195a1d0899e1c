package io.crdtkit.site;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the Java code blocks of an AsciiDoc page that are not includes of a tagged region of a test. Every Java
 * snippet on the site must be one ({@code include::{snippets}/SomethingTest.java[tags=...]}), so that it compiles
 * and runs with the tests; a hand-written one would rot unnoticed.
 */
final class JavaBlocks {

  /** {@code [source,java]}, {@code [,java]}, {@code [source, java, indent=0]}, {@code [#id.role,source,java]}. */
  private static final Pattern JAVA_BLOCK_ATTRIBUTES =
      Pattern.compile("^\\[[^\\]]*?(?:source)?\\s*,\\s*java\\s*(?:,[^\\]]*)?\\]\\s*$");
  private static final Pattern JAVA_FENCE = Pattern.compile("^```\\s*java\\b.*$");
  private static final Pattern TESTED_INCLUDE =
      Pattern.compile("^include::\\{snippets\\}/[\\w/]+Test\\.java\\[(?:[^\\]]*,)?\\s*tags?=[^\\],]+[^\\]]*\\]\\s*$");

  private JavaBlocks() {}

  /** One Java block that is not an include: the line it starts on (1-based) and why. */
  record Violation(int line, String reason) {
    @Override
    public String toString() {
      return "line " + line + ": " + reason;
    }
  }

  static List<Violation> violations(String adoc) {
    List<String> lines = adoc.lines().toList();
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (JAVA_FENCE.matcher(line).matches()) {
        i = checkBody(lines, i + 1, "```", i + 1, violations);
      } else if (JAVA_BLOCK_ATTRIBUTES.matcher(line).matches()) {
        int next = i + 1;
        while (next < lines.size() && (lines.get(next).startsWith("[") || lines.get(next).startsWith("."))) {
          next++;   // more attribute lines or a block title
        }
        if (next < lines.size() && isDelimiter(lines.get(next))) {
          i = checkBody(lines, next + 1, lines.get(next).strip(), i + 1, violations);
        } else {
          // a paragraph with the source style: its lines are the code
          for (int p = next; p < lines.size() && !lines.get(p).isBlank(); p++) {
            if (!TESTED_INCLUDE.matcher(lines.get(p).strip()).matches()) {
              violations.add(new Violation(i + 1, "a Java paragraph that is not an include of a test's tagged region: "
                  + lines.get(p).strip()));
              break;
            }
          }
        }
      }
    }
    return violations;
  }

  private static boolean isDelimiter(String line) {
    String stripped = line.strip();
    return stripped.matches("-{4,}|\\.{4,}|```");
  }

  /** Checks the lines from {@code start} to the closing {@code delimiter}; returns the closing line's index. */
  private static int checkBody(List<String> lines, int start, String delimiter, int blockLine,
      List<Violation> violations) {
    boolean reported = false;
    int i = start;
    for (; i < lines.size() && !lines.get(i).strip().equals(delimiter); i++) {
      String line = lines.get(i).strip();
      if (!reported && !line.isEmpty() && !TESTED_INCLUDE.matcher(line).matches()) {
        violations.add(new Violation(blockLine,
            "a Java block holds a line that is not an include of a test's tagged region: " + line));
        reported = true;
      }
    }
    if (i == lines.size()) {
      violations.add(new Violation(blockLine, "a Java block that is never closed"));
    }
    return i;
  }
}
