package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API reference (site page api/): the Javadoc of the published modules, built from their sources as one modular
 * set, so that it works alike in the whole reactor and in {@code -Pdocs -pl site -am} (which skips the modules' own
 * Javadoc jars) and links across modules. The layout is javadoc's for modules:
 * {@code api/<module>/<package path>/<Type>.html}, e.g. {@code api/io.crdtkit.core/io/crdtkit/ORSet.html}; pages
 * link to it through the attribute {@code :api:} ({@code _attributes.adoc}).
 *
 * <p>It runs javadoc in process ({@link ToolProvider}), with the modules' dependencies on the module path, taken
 * from this test's class path: exactly the modules the published ones require, so that no other jar of the site's
 * tests is resolved beside them.
 */
class ApiReferenceTest {

  /** module name -> its source directory in the repository: the published modules, in dependency order. */
  static final List<String[]> MODULES = List.of(
      new String[] {"io.crdtkit.core", "crdt-core"},
      new String[] {"io.crdtkit.jackson", "crdt-jackson"},
      new String[] {"io.crdtkit.gc", "crdt-gc"},
      new String[] {"io.crdtkit.store", "crdt-store"},
      new String[] {"io.crdtkit.net", "crdt-net"},
      new String[] {"io.crdtkit.laws", "crdt-laws"});

  /** The types the type pages link to, each with its Javadoc page. */
  static final List<String> TYPES = List.of("GCounter", "PNCounter", "GSet", "TwoPhaseSet", "ORSet", "RWSet",
      "LWWRegister", "MVRegister", "EWFlag", "DWFlag", "ORMap", "LWWMap", "Sequence");

  private static final Path REPO = Path.of(System.getProperty("repo.dir", ".."));
  private static final Path API = Path.of(System.getProperty("api.dir", "target/site/api"));

  @Test
  void thePublishedModulesJavadocIsBuiltIntoTheSite() throws IOException {
    List<String> arguments = new ArrayList<>(List.of(
        "-d", API.toString(),
        "--module", MODULES.stream().map(module -> module[0]).collect(Collectors.joining(",")),
        "--module-path", dependencies().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
        "-encoding", "UTF-8", "-docencoding", "UTF-8", "-charset", "UTF-8",
        "-notimestamp", "-quiet", "-Xdoclint:none",
        "-windowtitle", "crdtkit API", "-doctitle", "crdtkit: the published modules"));
    for (String[] module : MODULES) {
      arguments.add("--module-source-path");
      arguments.add(module[0] + "=" + REPO.resolve(module[1]).resolve("src/main/java"));
    }
    ToolProvider javadoc = ToolProvider.findFirst("javadoc")
        .orElseThrow(() -> new AssertionError("no javadoc tool: the site's build needs a JDK, not a JRE"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    int exit = javadoc.run(out, out, arguments.toArray(String[]::new));

    assertThat(exit).as("javadoc's exit code; it printed:%n%s", log.toString(StandardCharsets.UTF_8)).isZero();
    servesNoFonts();
    for (String[] module : MODULES) {
      assertThat(API.resolve(module[0]).resolve("module-summary.html")).isRegularFile();
    }
    for (String type : TYPES) {
      assertThat(API.resolve("io.crdtkit.core/io/crdtkit/" + type + ".html")).as("the Javadoc page of " + type)
          .isRegularFile();
    }
    assertThat(API.resolve("index.html")).isRegularFile();
  }

  /**
   * Javadoc's stylesheet imports its DejaVu web fonts from resources/fonts/dejavu.css, which some JDKs (Debian's)
   * do not ship: a browser then reports a missing file on every Javadoc page. The site serves no fonts (the system's
   * are used, as on every other page), so the import gets a stylesheet that declares none.
   */
  private static void servesNoFonts() throws IOException {
    Path fonts = API.resolve("resources/fonts/dejavu.css");
    if (Files.readString(API.resolve("stylesheet.css")).contains("resources/fonts/dejavu.css")
        && !Files.exists(fonts)) {
      Files.createDirectories(fonts.getParent());
      Files.writeString(fonts, "/* No web fonts: the site uses the reader's system fonts (ApiReferenceTest). */\n");
    }
  }

  /**
   * The jars of the modules that the published modules require, transitively, found on this test's class path,
   * without the published modules themselves.
   */
  private static List<Path> dependencies() {
    Map<String, ModuleReference> onClassPath = modulesOnTheClassPath();
    Set<String> published = MODULES.stream().map(module -> module[0]).collect(Collectors.toSet());
    Set<Path> jars = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> toVisit = new ArrayDeque<>(published);
    while (!toVisit.isEmpty()) {
      String name = toVisit.pop();
      if (name.startsWith("java.") || name.startsWith("jdk.") || !seen.add(name)) {
        continue;
      }
      ModuleReference module = onClassPath.get(name);
      assertThat(module).as("module %s, a published module or one it requires, on the site's test class path", name)
          .isNotNull();
      if (!published.contains(name)) {
        jars.add(Path.of(module.location().orElseThrow()));
      }
      // javadoc compiles the published modules against their static requires too, but not their dependencies'
      module.descriptor().requires().stream()
          .filter(requires -> published.contains(name) || !requires.modifiers().contains(Requires.Modifier.STATIC))
          .forEach(requires -> toVisit.add(requires.name()));
    }
    return List.copyOf(jars);
  }

  /** Every module on this test's class path, by name: the jars, and the directories holding a module-info. */
  private static Map<String, ModuleReference> modulesOnTheClassPath() {
    Map<String, ModuleReference> modules = new HashMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      boolean candidate = Files.isDirectory(path) ? Files.isRegularFile(path.resolve("module-info.class"))
          : path.toString().endsWith(".jar");
      if (!candidate) {
        continue;
      }
      try {
        ModuleFinder.of(path).findAll().forEach(module -> modules.putIfAbsent(module.descriptor().name(), module));
      } catch (FindException notAModule) {
        // a jar no module name can be derived from: no published module can require it
      }
    }
    return modules;
  }
}
