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
      Set.of("io.crdtkit.core", "io.crdtkit.jackson", "io.crdtkit.gc", "io.crdtkit.store", "io.crdtkit.net",
          "io.crdtkit.laws");
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
      declaredAndHidden(type)
          .filter(member -> isApi(member.getModifiers()) && !member.isSynthetic())
          .filter(member -> !(member instanceof java.lang.reflect.Method method && method.isBridge()))
          .forEach(member -> own.add("  " + signature(member, type)
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

  /**
   * The type's own members, and those it inherits from superclasses that are not API themselves (a package-private
   * base class's public methods are called on the public type, so they are its API), unless the type overrides them.
   */
  private static Stream<Member> declaredAndHidden(Class<?> type) {
    List<Member> members = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (Class<?> owner = type; owner != null && (owner == type || !isVisible(owner));
        owner = owner.getSuperclass()) {
      if (owner == Object.class) {
        break;
      }
      Stream.of(owner == type ? owner.getDeclaredConstructors() : new Member[0], owner.getDeclaredMethods(),
              owner.getDeclaredFields())
          .flatMap(Arrays::stream)
          .map(Member.class::cast)
          .filter(member -> !(member instanceof java.lang.reflect.Method method && method.isBridge()))
          .filter(member -> seen.add(member.getClass().getSimpleName() + " " + member.getName() + " "
              + (member instanceof java.lang.reflect.Method method ? Arrays.toString(method.getParameterTypes())
              : "")))
          .forEach(members::add);
    }
    return members.stream();
  }

  private static String signature(Member member, Class<?> type) {
    String text = member instanceof java.lang.reflect.Method method ? method.toGenericString()
        : member instanceof java.lang.reflect.Constructor<?> constructor ? constructor.toGenericString()
        : ((java.lang.reflect.Field) member).toGenericString();
    String owner = member.getDeclaringClass().getName();
    return owner.equals(type.getName()) ? text.replace(owner + ".", "")
        : text.replace(owner + ".", "") + " (from " + member.getDeclaringClass().getSimpleName() + ")";
  }
}
