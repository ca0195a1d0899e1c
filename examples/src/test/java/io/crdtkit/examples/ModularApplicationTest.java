package io.crdtkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's modular application, compiled and run against crdtkit's modules on the module path: every published
 * module's descriptor resolves, {@code requires io.crdtkit.net} alone makes Vavr, Jackson (Smile included) and
 * JGroups readable, Jackson's {@code findAndAddModules()} finds crdtkit's codecs as a service, and two members
 * replicate over encrypted TCP on 127.0.0.1 (crdtkit's own protocols in JGroups' stack: encryption, failure
 * detection).
 *
 * <p>The module path is this test's class path less the test libraries: crdtkit's jars and what they depend on.
 */
class ModularApplicationTest {

  /** What a crdtkit module may bring to the module path; test libraries (JUnit, AssertJ...) stay out. */
  private static final List<String> RUNTIME = List.of("crdt-core", "crdt-jackson", "crdt-gc", "crdt-store",
      "rocksdbjni", "crdt-net",
      "crdt-laws", "vavr", "jspecify", "apiguardian", "jackson", "jgroups", "slf4j-api", "jqwik-api", "opentest4j",
      "junit-platform-commons", "junit-jupiter-api");

  @Test
  void aModularApplicationRunsOnTheModulePath(@TempDir Path work) throws Exception {
    Path sources = copyApplication(work.resolve("src"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    String modulePath = modulePath();

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "--module-path", modulePath,
        "-Xlint:all", "-Werror"));
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(file -> file.toString().endsWith(".java")).forEach(file -> options.add(file.toString()));
    }
    int compiled = javac.run(null, null, null, options.toArray(String[]::new));
    assertThat(compiled).as("javac's exit code (its messages are above)").isZero();

    Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", modulePath + File.pathSeparator + classes, "-Djava.net.preferIPv4Stack=true",
        "-m", "app/app.Main", String.valueOf(freePort()), String.valueOf(freePort()))
        .redirectErrorStream(true).start();
    boolean ended = run.waitFor(90, TimeUnit.SECONDS);
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      run.destroyForcibly();
    }
    assertThat(ended).as("the application ended within 90 s; it printed:%n%s", output).isTrue();
    assertThat(run.exitValue()).as("exit code; the application printed:%n%s", output).isZero();
    assertThat(output).contains("decoded TreeSet(eggs, milk)", "replicated TreeSet(tea)");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String modulePath() {
    String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
    String path = Arrays.stream(entries)
        .filter(entry -> RUNTIME.stream().anyMatch(name -> artifactOf(entry).startsWith(name)))
        .collect(Collectors.joining(File.pathSeparator));
    assertThat(path).as("crdtkit's modules on the class path").contains("crdt-core", "crdt-laws", "jgroups");
    return path;
  }

  /** A jar's file name, or for a reactor module's {@code target/classes} the module's folder name. */
  private static String artifactOf(String entry) {
    Path path = Path.of(entry);
    return path.endsWith(Path.of("target", "classes")) ? path.getParent().getParent().getFileName().toString()
        : path.getFileName().toString();
  }

  private static Path copyApplication(Path target) throws IOException {
    Path source = Path.of("src", "test", "resources", "modular-app");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    return target;
  }
}
