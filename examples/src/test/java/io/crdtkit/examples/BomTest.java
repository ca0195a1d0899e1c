package io.crdtkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * crdtkit-bom cannot inherit from crdtkit-parent (importing it would import the parent's dependency management
 * too), so nothing but this test keeps it in step: same version as the project, and every published module in
 * it, nothing else. A module is published unless it is one of the two that are not artifacts.
 */
class BomTest {

  private static final List<String> NOT_PUBLISHED = List.of("crdtkit-bom", "examples", "benchmarks", "site");

  @Test
  void theBomHasTheProjectsVersionAndEveryPublishedModule() throws Exception {
    Document parent = read(Path.of("..", "pom.xml"));
    Document bom = read(Path.of("..", "crdtkit-bom", "pom.xml"));

    assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(child(parent.getDocumentElement(), "version"));

    List<String> published = new ArrayList<>();
    for (String module : texts(parent.getElementsByTagName("module"))) {
      if (!NOT_PUBLISHED.contains(module)) {
        published.add(child(read(Path.of("..", module, "pom.xml")).getDocumentElement(), "artifactId"));
      }
    }
    NodeList managed = bom.getElementsByTagName("dependency");
    List<String> inBom = new ArrayList<>();
    for (int i = 0; i < managed.getLength(); i++) {
      Element dependency = (Element) managed.item(i);
      assertThat(child(dependency, "groupId")).isEqualTo("io.crdtkit");
      assertThat(child(dependency, "version")).isEqualTo("${project.version}");
      inBom.add(child(dependency, "artifactId"));
    }
    assertThat(inBom).containsExactlyInAnyOrderElementsOf(published).contains("crdt-core", "crdt-laws");
  }

  private static Document read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  /** The text of {@code parent}'s own child element {@code name} (not of a nested one, such as the parent's). */
  private static String child(Element parent, String name) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element element && element.getTagName().equals(name)) {
        return element.getTextContent().trim();
      }
    }
    throw new AssertionError(parent.getTagName() + " has no " + name);
  }

  private static List<String> texts(NodeList nodes) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent().trim());
    }
    return texts;
  }
}
