package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens the built site (target/site) in a real browser, headless Chromium driven by chromedriver, served over HTTP
 * from 127.0.0.1 ({@link SiteServer}): every page loads with no console error and no broken image or link, the
 * picker of pick-a-type answers the guide's scenarios when clicked, every chart and timeline renders as a
 * non-empty SVG, and screenshots of the pages a reader sees first go to target/screenshots.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}. Without them the check is skipped with a message
 * saying so, except where the environment says {@code CI=true}: there it fails, so CI never passes untested.
 */
class BrowserCheck {

  private static final Path SITE = Path.of(System.getProperty("site.dir", "target/site"));
  private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
  private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
  private static final Duration PAGE_LOAD = Duration.ofSeconds(20);

  /**
   * Selenium looks for a DevTools binding of Chromium's exact version, for features this test does not use (its one
   * DevTools command goes through chromedriver), and warns when there is none: noise in the build's log. Held in a
   * field, since a logger nobody references may be collected with its level.
   */
  private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  private static SiteServer server;
  private static ChromeDriver browser;
  private static Path profile;

  @BeforeAll
  static void openTheBrowser() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String missing = "the browser test needs headless Chromium and its driver (" + CHROMIUM + ", " + CHROMEDRIVER
          + "): on Debian, apt-get install chromium chromium-driver";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(missing + ". CI=true: CI must run it, so it fails rather than skip.");
      }
      // said in the build's log too: a class skipped in @BeforeAll shows there only as "Tests run: 0"
      System.out.println("[WARNING] BrowserCheck skipped: " + missing);
      Assumptions.abort("skipped: " + missing);
    }
    CDP_VERSION_FINDER.setLevel(Level.OFF);
    server = SiteServer.start(SITE);
    profile = Files.createTempDirectory("crdtkit-site-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=1280,1000", "--hide-scrollbars");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // the driver named, and the browser: Selenium Manager has nothing to look up or download
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(PAGE_LOAD);
  }

  @AfterAll
  static void closeTheBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  @Test
  void everyPageLoadsWithoutAConsoleErrorABrokenImageOrABrokenLink() throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> linksChecked = new LinkedHashSet<>();
    for (String page : pages()) {
      open(page);
      for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
        // a browser asks every site for /favicon.ico; a site without one is not broken (and from file:// no one asks)
        if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !entry.getMessage().contains("/favicon.ico ")) {
          problems.add(page + ": console error: " + entry.getMessage());
        }
      }
      List<?> brokenImages = (List<?>) script("return Array.from(document.images)"
          + ".filter(image => !image.complete || image.naturalWidth === 0).map(image => image.src);");
      brokenImages.forEach(image -> problems.add(page + ": broken image " + image));
      List<?> links = (List<?>) script("return Array.from(document.querySelectorAll('a[href]'))"
          + ".map(link => link.href).filter(href => href.startsWith(location.origin));");
      for (Object link : links) {
        String address = link.toString().split("#")[0];
        if (linksChecked.add(address) && server.status(address) != 200) {
          problems.add(page + ": broken link " + address + " (HTTP " + server.status(address) + ")");
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(linksChecked).as("links followed").hasSizeGreaterThan(10);
  }

  /** The picker, clicked as a reader would, answers each scenario with the guide's type, and shows only its row. */
  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(delimiter = ';', textBlock = """
      a shopping cart of quantities, where a removed item must not come back; value=nested shrink=yes; ORMap
      a shopping list where adding an item again beats a concurrent remove; value=set shrink=yes race=add; ORSet
      a feature flag where turning it off must win (a kill switch); value=flag race=remove; DWFlag
      an opt-in that stays on if anyone turned it on; value=flag race=add; EWFlag
      a like counter that can be undone; value=number shrink=yes; PNCounter
      page views, which only ever go up; value=number shrink=no; GCounter
      one-time tokens that, once revoked, are never valid again; value=set shrink=yes race=forever; TwoPhaseSet
      a block list where a remove must win over a concurrent add; value=set shrink=yes race=remove; RWSet
      tags that are only ever added; value=set shrink=no; GSet
      a title whose concurrent edits a person resolves; value=one writes=all; MVRegister
      a display name where the last write wins; value=one writes=last; LWWRegister
      per-user settings, the last write winning per key; value=plain; LWWMap
      a shared document that several people type in at once; value=list; Sequence
      """)
  void thePickerAnswersTheScenario(String scenario, String answers, String expected) {
    open("pick-a-type.html");
    for (String answer : answers.trim().split("\\s+")) {
      String[] question = answer.split("=");
      browser.findElement(By.cssSelector("#type-picker input[name='" + question[0] + "'][value='" + question[1] + "']"))
          .click();
    }
    String result = browser.findElement(By.cssSelector("#type-picker .picker-result")).getText();
    List<String> shown = browser.findElements(By.cssSelector("#types-table tbody tr")).stream()
        .filter(WebElement::isDisplayed)
        .map(row -> row.findElement(By.cssSelector("td")).getText().split("<")[0].trim()).toList();

    assertThat(result).as(scenario).startsWith("Your type: " + expected + ". ");
    assertThat(shown).as(scenario).containsExactly(expected);
  }

  @Test
  void everyChartAndTimelineRendersAsANonEmptySvg() {
    int pictures = 0;
    List<String> problems = new ArrayList<>();
    for (String page : pages()) {
      open(page);
      for (WebElement svg : browser.findElements(By.cssSelector("svg"))) {
        pictures++;
        Map<?, ?> drawn = (Map<?, ?>) script("const svg = arguments[0], box = svg.getBoundingClientRect();"
            + "return {width: box.width, height: box.height,"
            + " shapes: svg.querySelectorAll('rect, line, path, circle, polyline, polygon').length,"
            + " words: svg.querySelectorAll('text').length};", svg);
        if (number(drawn.get("width")) < 100 || number(drawn.get("height")) < 50
            || number(drawn.get("shapes")) < 3 || number(drawn.get("words")) < 1) {
          problems.add(page + ": an empty or collapsed SVG " + drawn);
        }
      }
      for (WebElement image : browser.findElements(By.cssSelector("img[src$='.svg']"))) {
        pictures++;
        Map<?, ?> drawn = (Map<?, ?>) script("const image = arguments[0], box = image.getBoundingClientRect();"
            + "return {width: box.width, height: box.height, natural: image.naturalWidth};", image);
        if (number(drawn.get("width")) < 100 || number(drawn.get("height")) < 50 || number(drawn.get("natural")) == 0) {
          problems.add(page + ": an SVG picture that does not render " + image.getAttribute("src") + " " + drawn);
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(pictures).as("the benchmarks page's two charts at least").isGreaterThanOrEqualTo(2);
  }

  /**
   * What a reader sees first: the home page, the guide with two questions answered and where its answer leads, the
   * benchmarks, and a type page where the site has one.
   */
  @Test
  void screenshotsOfWhatAReaderSeesFirst() throws IOException {
    Files.createDirectories(SCREENSHOTS);
    open("index.html");
    screenshot("home.png");
    open("pick-a-type.html");
    browser.findElement(By.cssSelector("#type-picker input[name='value'][value='flag']")).click();
    browser.findElement(By.cssSelector("#type-picker input[name='race'][value='remove']")).click();
    screenshotOfTheWindow("pick-a-type.png");
    browser.findElement(By.cssSelector("#type-picker .picker-result a")).click();
    screenshotOfTheWindow("pick-a-type-answer.png");
    open("benchmarks.html");
    screenshot("benchmarks.png");
    Optional<String> typePage = typePage();
    if (typePage.isPresent()) {
      open(typePage.get());
      screenshot("type-page.png");
    }
    assertThat(SCREENSHOTS.resolve("home.png")).isNotEmptyFile();
    assertThat(SCREENSHOTS.resolve("pick-a-type.png")).isNotEmptyFile();
  }

  /** A type's own page, ORSet's if there is one: named after the type, e.g. orset.html or types/orset.html. */
  private static Optional<String> typePage() {
    List<String> types = ApiReferenceTest.TYPES.stream().map(type -> type.toLowerCase(Locale.ROOT))
        .sorted(Comparator.comparing(type -> !"orset".equals(type))).toList();
    for (String type : types) {
      Optional<String> page = pages().stream().filter(name -> !name.startsWith("api/"))
          .filter(name -> name.toLowerCase(Locale.ROOT).replaceAll("^(.*/)?(types?-)?", "").equals(type + ".html"))
          .findFirst();
      if (page.isPresent()) {
        return page;
      }
    }
    return Optional.empty();
  }

  /** The site's pages, and the API reference's front page and one type's page (not all of javadoc's). */
  private static List<String> pages() {
    List<String> pages = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SITE)) {
      files.filter(file -> file.toString().endsWith(".html") && !file.startsWith(SITE.resolve("api")))
          .map(file -> SITE.relativize(file).toString().replace('\\', '/')).sorted().forEach(pages::add);
    } catch (IOException e) {
      throw new AssertionError("cannot list the site's pages in " + SITE, e);
    }
    pages.add("api/index.html");
    pages.add("api/io.crdtkit.core/io/crdtkit/ORSet.html");
    return pages;
  }

  private static void open(String page) {
    browser.manage().logs().get(LogType.BROWSER);   // what earlier pages logged: each page answers for its own
    browser.get(server.address(page));
    new WebDriverWait(browser, PAGE_LOAD).until(driver -> "complete".equals(script("return document.readyState;")));
  }

  private static Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(script, arguments);
  }

  /** The whole page, not only the window: Chromium's own screenshot beyond the viewport, at most 6,000 px tall. */
  private static void screenshot(String file) throws IOException {
    long width = number(script("return document.documentElement.scrollWidth;"));
    long height = Math.min(6_000, number(script("return document.documentElement.scrollHeight;")));
    Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
        "captureBeyondViewport", true,
        "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    Files.write(SCREENSHOTS.resolve(file), Base64.getDecoder().decode(shot.get("data").toString()));
  }

  /** What the window shows: the part of the page a reader is looking at. */
  private static void screenshotOfTheWindow(String file) throws IOException {
    Files.write(SCREENSHOTS.resolve(file), browser.getScreenshotAs(OutputType.BYTES));
  }

  private static long number(Object value) {
    return Math.round(((Number) value).doubleValue());
  }
}
