package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the rendered site (target/site, written in prepare-package) as a browser would: every internal link and
 * anchor resolves, every image, script and stylesheet is a file of the site (no CDN: it works offline and from
 * file://), and the picker knows exactly the types of the comparison table.
 */
class RenderedSiteCheck {

  private static final Path SITE = Path.of(System.getProperty("site.dir", "target/site"));
  private static final List<String> TYPES = List.of("GCounter", "PNCounter", "GSet", "TwoPhaseSet", "ORSet",
      "RWSet", "LWWRegister", "MVRegister", "EWFlag", "DWFlag", "ORMap", "LWWMap", "Sequence");

  /** The API reference: javadoc's pages, checked apart (existence of link targets only: there are hundreds). */
  private static final Path API = SITE.resolve("api");

  private static List<Path> pages;

  @BeforeAll
  static void readTheSite() throws IOException {
    try (Stream<Path> files = Files.walk(SITE)) {
      pages = files.filter(file -> file.toString().endsWith(".html") && !file.startsWith(API)).sorted().toList();
    }
  }

  @Test
  void everyPageIsThere() {
    assertThat(pages).extracting(page -> SITE.relativize(page).toString())
        .contains("index.html", "pick-a-type.html", "types.html", "benchmarks.html", "compare.html", "api.html");
    assertThat(API.resolve("index.html")).as("the API reference").isRegularFile();
  }

  @Test
  void everyLinkOfTheApiReferenceResolves() throws IOException {
    List<Path> javadoc;
    try (Stream<Path> files = Files.walk(API)) {
      javadoc = files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
    }
    Set<Path> checked = new HashSet<>();
    List<String> broken = new ArrayList<>();
    for (Path page : javadoc) {
      for (Element link : parse(page).select("a[href], link[href], script[src], img[src]")) {
        String address = link.hasAttr("src") ? link.attr("src") : link.attr("href");
        if (isExternal(address) || address.startsWith("#") || address.isEmpty()) {
          continue;
        }
        Path target = page.resolveSibling(decode(address.split("[?#]")[0])).normalize();
        if (checked.add(target) && !Files.isRegularFile(target)) {
          broken.add(name(page) + ": link to a missing file: " + address);
        }
      }
    }
    // and what its stylesheets import (javadoc's imports its fonts)
    try (Stream<Path> files = Files.walk(API)) {
      for (Path css : files.filter(file -> file.toString().endsWith(".css")).toList()) {
        Matcher imports = Pattern.compile("@import\\s+url\\(['\"]?([^'\")]+)").matcher(Files.readString(css));
        while (imports.find()) {
          if (!isExternal(imports.group(1)) && !Files.isRegularFile(css.resolveSibling(imports.group(1)))) {
            broken.add(name(css) + ": imports a missing file: " + imports.group(1));
          }
        }
      }
    }
    assertThat(javadoc).hasSizeGreaterThan(50);
    assertThat(broken).isEmpty();
  }

  @Test
  void everyInternalLinkAndAnchorResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      Document document = parse(page);
      for (Element link : document.select("a[href]")) {
        String href = link.attr("href");
        if (isExternal(href)) {
          continue;
        }
        String target = href.contains("#") ? href.substring(0, href.indexOf('#')) : href;
        String fragment = href.contains("#") ? href.substring(href.indexOf('#') + 1) : "";
        Path targetFile = target.isEmpty() ? page : page.resolveSibling(decode(target)).normalize();
        if (!Files.isRegularFile(targetFile)) {
          broken.add(name(page) + ": link to a missing file: " + href);
        } else if (!fragment.isEmpty() && targetFile.toString().endsWith(".html")
            && parse(targetFile).getElementById(decode(fragment)) == null) {
          broken.add(name(page) + ": link to a missing anchor: " + href);
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void everyImageScriptAndStylesheetIsAFileOfTheSite() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      Document document = parse(page);
      for (Element resource : document.select("img[src], script[src], link[href], source[src], iframe[src]")) {
        String address = resource.hasAttr("src") ? resource.attr("src") : resource.attr("href");
        if (isExternal(address) || address.startsWith("//")) {
          broken.add(name(page) + ": <" + resource.tagName() + "> from outside the site: " + address);
        } else if (!Files.isRegularFile(page.resolveSibling(decode(address.split("[?#]")[0])))) {
          broken.add(name(page) + ": <" + resource.tagName() + "> of a missing file: " + address);
        }
      }
      // a stylesheet's own imports and fonts must not leave the site either
      for (Element style : document.select("style")) {
        Matcher imports = Pattern.compile("(?m)^\\s*@import\\s+[^;]*https?:").matcher(style.data());
        if (imports.find()) {
          broken.add(name(page) + ": a stylesheet imports from outside the site");
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  /** Asciidoctor turns "<=" and "=>" in text into arrows: a comparison such as "Smile <= protobuf" would read wrong. */
  @Test
  void noComparisonIsTurnedIntoAnArrow() throws IOException {
    List<String> arrows = new ArrayList<>();
    for (Path page : pages) {
      Document document = parse(page);
      document.select("pre, code").remove();
      if (document.text().contains("\u21d0") || document.text().contains("\u21d2")) {
        arrows.add(name(page));
      }
    }
    assertThat(arrows).as("pages with ⇐ or ⇒ in their text: write ≤, ≥ or the words").isEmpty();
  }

  @Test
  void everySvgPictureHasSomethingToSeeAndAnAlternativeText() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      for (Element image : parse(page).select("img[src$=.svg]")) {
        Path file = page.resolveSibling(decode(image.attr("src")));
        if (!Files.isRegularFile(file)) {
          continue;   // reported by everyImageScriptAndStylesheetIsAFileOfTheSite
        }
        Document svg = Jsoup.parse(Files.readString(file), "", Parser.xmlParser());
        Element root = svg.selectFirst("svg");
        if (root == null || !root.hasAttr("viewBox") || svg.select("circle, path, rect, line").size() < 3
            || svg.select("text").stream().noneMatch(text -> !text.text().isBlank())) {
          broken.add(name(page) + ": an empty or broken SVG picture: " + image.attr("src"));
        }
        if (image.attr("alt").isBlank()) {
          broken.add(name(page) + ": a picture without alternative text: " + image.attr("src"));
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void theComparisonTableListsEveryTypeWithoutJavaScript() throws IOException {
    Document guide = parse(SITE.resolve("pick-a-type.html"));
    Element table = guide.getElementById("types-table");
    assertThat(table).as("the comparison table").isNotNull();
    List<String> rows = table.select("tbody tr").stream()
        .map(row -> row.child(0).text().split("<")[0]).toList();
    assertThat(rows).containsExactlyElementsOf(TYPES);
    assertThat(table.select("tbody td").eachText()).noneMatch(cell -> cell.contains("{") || cell.isBlank());
  }

  @Test
  void everyTypeHasAPageThatTheTableAndTheIndexLinkToAndThatLinksItsJavadoc() throws IOException {
    Element table = parse(SITE.resolve("pick-a-type.html")).getElementById("types-table");
    assertThat(table).as("the comparison table").isNotNull();
    List<String> linkedFromTheTable = table.select("tbody tr").stream()
        .map(row -> row.child(0).select("a[href]").attr("href")).toList();
    List<String> linkedFromTheIndex = parse(SITE.resolve("types.html")).select("a[href^=type-]").eachAttr("href");
    for (String type : TYPES) {
      String page = "type-" + type.toLowerCase(java.util.Locale.ROOT) + ".html";
      assertThat(linkedFromTheTable).as("the comparison table's row of " + type).contains(page);
      assertThat(linkedFromTheIndex).as("the index of the types").contains(page);
      Document typePage = parse(SITE.resolve(page));
      assertThat(typePage.select("a[href]").eachAttr("href")).as(page + " links its Javadoc")
          .contains("api/io.crdtkit.core/io/crdtkit/" + type + ".html");
      assertThat(typePage.select("img[src^=images/timeline-]")).as(page + " shows a timeline").isNotEmpty();
    }
  }

  @Test
  void thePickerKnowsExactlyTheTypesOfTheTable() throws IOException {
    String script = Files.readString(SITE.resolve("pick.js"));
    Set<String> named = new LinkedHashSet<>();
    Matcher types = Pattern.compile("\\b([A-Z][A-Za-z]+):\\s*\\[").matcher(script);
    while (types.find()) {
      named.add(types.group(1));
    }
    assertThat(named).containsExactlyInAnyOrderElementsOf(TYPES);
    Matcher fitsOfValue = Pattern.compile("id: \"value\".*?fits: \\{(.*?)\\}", Pattern.DOTALL).matcher(script);
    assertThat(fitsOfValue.find()).isTrue();
    for (String type : TYPES) {
      assertThat(fitsOfValue.group(1)).as("question 1 places every type").contains(type + ":");
    }
  }

  private static boolean isExternal(String address) {
    return address.matches("(?i)^[a-z][a-z0-9+.-]*:.*");
  }

  private static String decode(String address) {
    return URI.create("x:" + address.replace(" ", "%20")).getSchemeSpecificPart();
  }

  private static Document parse(Path page) throws IOException {
    return Jsoup.parse(page.toFile(), "UTF-8");
  }

  private static String name(Path page) {
    return SITE.relativize(page).toString();
  }
}
