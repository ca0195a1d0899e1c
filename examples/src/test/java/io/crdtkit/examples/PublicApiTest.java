package io.crdtkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The public API of the published modules, as a file under review: {@code src/test/resources/public-api.txt}
 * lists every public or protected type and member of every package a module descriptor exports, each member
 * marked {@code [internal]} when it (or its type) is {@code @API(status = INTERNAL)} - public to Java, promised to
 * no user. The test fails when the API and the file differ, so that a change to the API is a change to this file
 * that a reviewer sees. After a deliberate change, rewrite the file with
 * {@code ./mvnw -B verify -pl examples -am -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dcrdtkit.api.update=true} and commit it.
 */
class PublicApiTest {

  private static final Set<String> MODULES =
      Set.of("io.crdtkit.core", "io.crdtkit.jackson", "io.crdtkit.gc", "io.crdtkit.net", "io.crdtkit.laws");
  private static final Path LISTING = Path.of("src", "test", "resources", "public-api.txt");

  @Test
  void thePublicApiIsTheReviewedOne() throws Exception {
    List<String> listing = listing();
    if (Boolean.getBoolean("crdtkit.api.update")) {
      Files.write(LISTING, listing, StandardCharsets.UTF_8);
    }
    List<String> reviewed = Files.readAllLines(LISTING, StandardCharsets.UTF_8);
    assertThat(listing)
        .as("the public API differs from %s; if the change is deliberate, regenerate it (see PublicApiTest)",
            LISTING)
        .containsExactlyElementsOf(reviewed);
  }

  /** The listing: a summary line, then per type its declaration and its members, types and members sorted. */
  static List<String> listing() throws Exception {
    List<String> types = new ArrayList<>();
    int members = 0;
    int internal = 0;
    List<String> lines = new ArrayList<>();
    for (Class<?> type : exportedTypes()) {
      boolean typeInternal = isInternal(type);
      lines.add(type.getName() + " " + kind(type) + (typeInternal ? " [internal]" : ""));
      types.add(type.getName());
      TreeSet<String> own = new TreeSet<>();
      Stream.of(type.getDeclaredConstructors(), type.getDeclaredMethods(), type.getDeclaredFields())
          .flatMap(Arrays::stream)
          .map(Member.class::cast)
          .filter(member -> isApi(member.getModifiers()) && !member.isSynthetic())
          .filter(member -> !(member instanceof java.lang.reflect.Method method && method.isBridge()))
          .forEach(member -> own.add("  " + signature(member)
              + (typeInternal || isInternal((AnnotatedElement) member) ? " [internal]" : "")));
      members += own.size();
      internal += (int) own.stream().filter(line -> line.endsWith("[internal]")).count();
      lines.addAll(own);
    }
    lines.add(0, "# " + types.size() + " public types, " + members + " public members, " + internal
        + " of them internal");
    return lines;
  }

  private static List<Class<?>> exportedTypes() throws IOException, ClassNotFoundException {
    Path[] paths = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of).toArray(Path[]::new);
    TreeSet<String> names = new TreeSet<>();
    for (ModuleReference module : ModuleFinder.of(paths).findAll()) {
      ModuleDescriptor descriptor = module.descriptor();
      if (!MODULES.contains(descriptor.name())) {
        continue;
      }
      Set<String> exported = descriptor.exports().stream().filter(export -> !export.isQualified())
          .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
      try (ModuleReader reader = module.open(); Stream<String> entries = reader.list()) {
        entries.filter(entry -> entry.endsWith(".class") && !entry.endsWith("module-info.class"))
            .map(entry -> entry.substring(0, entry.length() - ".class".length()).replace('/', '.'))
            .filter(name -> exported.contains(name.substring(0, name.lastIndexOf('.'))))
            .forEach(names::add);
      }
    }
    assertThat(names).as("classes of crdtkit's exported packages").isNotEmpty();
    List<Class<?>> types = new ArrayList<>();
    for (String name : names) {
      Class<?> type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
      if (isVisible(type)) {
        types.add(type);
      }
    }
    return types;
  }

  /** Public or protected, and so is every type it is nested in. */
  private static boolean isVisible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (t.isAnonymousClass() || t.isLocalClass() || !isApi(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isApi(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static boolean isInternal(AnnotatedElement element) {
    API api = element.getAnnotation(API.class);
    return api != null && api.status() == API.Status.INTERNAL;
  }

  private static String kind(Class<?> type) {
    API api = type.getAnnotation(API.class);
    String modifiers = Modifier.toString(type.getModifiers() & ~Modifier.INTERFACE & ~Modifier.ABSTRACT
        | (type.isInterface() ? 0 : type.getModifiers() & Modifier.ABSTRACT));
    String kind = type.isAnnotation() ? "@interface" : type.isEnum() ? "enum" : type.isRecord() ? "record"
        : type.isInterface() ? "interface" : "class";
    return "(" + (modifiers.isEmpty() ? "" : modifiers + " ") + kind + (api == null ? "" : ", " + api.status())
        + ")";
  }

  private static String signature(Member member) {
    String text = member instanceof java.lang.reflect.Method method ? method.toGenericString()
        : member instanceof java.lang.reflect.Constructor<?> constructor ? constructor.toGenericString()
        : ((java.lang.reflect.Field) member).toGenericString();
    return text.replace(member.getDeclaringClass().getName() + ".", "");
  }
}
