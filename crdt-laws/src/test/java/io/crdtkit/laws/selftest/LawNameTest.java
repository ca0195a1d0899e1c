package io.crdtkit.laws.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.GCounter;
import io.crdtkit.laws.Law;
import io.crdtkit.laws.LawName;
import io.crdtkit.laws.Laws;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The laws' constants name exactly the kit's laws, in report order, and select them. */
class LawNameTest {

  @Test
  void everyLawOfTheKitHasAConstant_inReportOrder() {
    assertThat(Laws.<GCounter>all()).extracting(Law::name)
        .containsExactlyElementsOf(Arrays.stream(LawName.values()).map(LawName::text).toList());
  }

  @Test
  void constantsSelectLawsInReportOrder() {
    assertThat(Laws.<GCounter>select(LawName.ROUND_TRIP, LawName.MERGE_IS_COMMUTATIVE)).extracting(Law::name)
        .containsExactly("merge is commutative", "states survive the round trip");
  }
}
