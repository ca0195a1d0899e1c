package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The law-kit page says its MaxRegisterLawsTest runs every law as a test in this build. A subclass of
 * CrdtLawProperties that Surefire does not pick up (a name it does not match) or that JUnit does not run would
 * pass silently; Surefire's report of the test phase says which tests ran.
 */
class LawKitRunCheck {

  private static final Path REPORT = Path.of(System.getProperty("surefire.reports", "target/surefire-reports"))
      .resolve("TEST-io.crdtkit.site.MaxRegisterLawsTest.xml");

  @Test
  void everyLawOfTheKitRanAsAPropertyOfMaxRegisterLawsTest() throws IOException {
    assertThat(REPORT).as("Surefire's report of MaxRegisterLawsTest").isRegularFile();
    Document report = Jsoup.parse(Files.readString(REPORT), "", Parser.xmlParser());
    assertThat(report.select("testcase").eachAttr("name")).containsExactlyInAnyOrder(
        "mergeIsCommutative", "mergeIsAssociative", "mergeIsIdempotent", "bottomIsTheIdentityOfMerge",
        "orderAgreesWithMerge", "everyUpdateInflates", "mergingADeltaEqualsTheFullMutator",
        "deltaGroupsMergedInAnyOrderEqualTheFullStateMerge", "replicasConvergeUnderAnyDelivery",
        "statesSurviveTheRoundTrip");
    assertThat(report.select("testcase > failure, testcase > error, testcase > skipped")).isEmpty();
  }
}
