package io.crdtkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {

  private static final GrowthCurve CURVE = new GrowthCurve("orset-add", "ORSet add: CPU time per operation",
      "ORSet add", "elements in the set", "CPU time per operation (ns)", "ns",
      List.of(
          GrowthCurve.Series.of("crdtkit", List.of(new GrowthFit.Point(1e3, 73, 2), new GrowthFit.Point(1e4, 95, 3),
              new GrowthFit.Point(1e5, 128, 5), new GrowthFit.Point(1e6, 170, 9))),
          GrowthCurve.Series.of("Pekko", List.of(new GrowthFit.Point(1e3, 124, 4), new GrowthFit.Point(1e4, 140, 4),
              new GrowthFit.Point(1e5, 171, 4), new GrowthFit.Point(1e6, 230, 12)))),
      List.of("Benchmark thread's CPU time & <error bars>", "Run of a test"));

  @Test
  void theChartIsWellFormedSvgWithTitleAxesAndLegend() throws Exception {
    Document svg = parse(new SvgChart(CURVE).svg());

    assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg.getDocumentElement().getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
    List<String> texts = texts(svg);
    assertThat(texts).contains("ORSet add: CPU time per operation", "elements in the set (log scale)",
        "CPU time per operation (ns) (log scale)", "1k", "10k", "100k", "1M",
        "Benchmark thread's CPU time & <error bars>");
    assertThat(texts).anyMatch(text -> text.startsWith("crdtkit: ~ n^0.")).anyMatch(text -> text.startsWith("Pekko: ~ n^0."));
  }

  @Test
  void everyPointIsDrawnWhereItsSizeAndCostSayWithItsErrorBar() throws Exception {
    SvgChart chart = new SvgChart(CURVE);
    Document svg = parse(chart.svg());

    List<Element> points = byClass(svg, "point");
    assertThat(points).hasSize(8);
    for (Element point : points) {
      double n = Double.parseDouble(point.getAttribute("data-n"));
      double value = Double.parseDouble(point.getAttribute("data-value"));
      double cx = point.hasAttribute("cx") ? Double.parseDouble(point.getAttribute("cx"))
          : Double.parseDouble(point.getAttribute("x")) + 4;
      double cy = point.hasAttribute("cy") ? Double.parseDouble(point.getAttribute("cy"))
          : Double.parseDouble(point.getAttribute("y")) + 4;
      assertThat(cx).isCloseTo(chart.x(n), within(0.01));
      assertThat(cy).isCloseTo(chart.y(value), within(0.01));
    }
    // 1,000 to 1,000,000 elements span the axis from decade to decade: the first point on the left edge, the last
    // on the right; a higher cost is drawn higher
    assertThat(chart.x(1e3)).isCloseTo(SvgChart.PLOT_LEFT, within(1e-9));
    assertThat(chart.x(1e6)).isCloseTo(SvgChart.PLOT_RIGHT, within(1e-9));
    assertThat(chart.y(200)).isLessThan(chart.y(100));
    assertThat(byClass(svg, "error-bar")).hasSize(8);
    assertThat(byClass(svg, "fit")).hasSize(2);
  }

  @Test
  void theSameCurveGivesTheSameBytes() {
    assertThat(new SvgChart(CURVE).svg()).isEqualTo(new SvgChart(CURVE).svg());
  }

  @Test
  void aFewMembersGetTicksBetweenTheDecades() {
    assertThat(SvgChart.ticks(1, 10)).containsExactly(1.0, 2.0, 5.0, 10.0);
    assertThat(SvgChart.ticks(1e3, 1e6)).containsExactly(1e3, 1e4, 1e5, 1e6);
    assertThat(SvgChart.size(1e6)).isEqualTo("1M");
    assertThat(SvgChart.size(0.5)).isEqualTo("0.5");
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> texts(Document svg) {
    List<String> texts = new ArrayList<>();
    NodeList nodes = svg.getElementsByTagName("text");
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }

  private static List<Element> byClass(Document svg, String name) {
    List<Element> found = new ArrayList<>();
    NodeList all = svg.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      if (element.getAttribute("class").equals(name)) {
        found.add(element);
      }
    }
    return found;
  }
}
