package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rule that every Java snippet is included from a test, checked against pages that break it. */
class JavaBlocksTest {

  @Test
  void anIncludeOfATaggedRegionOfATestIsAccepted() {
    assertThat(JavaBlocks.violations("""
        [source,java,indent=0]
        ----
        include::{snippets}/GettingStartedTest.java[tags=first-set]
        ----
        """)).isEmpty();
    assertThat(JavaBlocks.violations("""
        [,java]
        .A title
        ----
        include::{snippets}/PickATypeTest.java[indent=0,tag=counter]
        ----
        """)).isEmpty();
  }

  @Test
  void codeWrittenIntoThePageIsRefused() {
    assertThat(JavaBlocks.violations("""
        Some text.

        [source,java]
        ----
        ORSet<String> set = ORSet.empty();
        ----
        """)).singleElement().extracting(JavaBlocks.Violation::line).isEqualTo(3);
  }

  @Test
  void anIncludeMixedWithWrittenCodeIsRefused() {
    assertThat(JavaBlocks.violations("""
        [source, java]
        ----
        include::{snippets}/GettingStartedTest.java[tags=json]
        System.out.println(document);
        ----
        """)).hasSize(1);
  }

  @Test
  void anIncludeOfAWholeFileOrOfAFileThatIsNotATestIsRefused() {
    assertThat(JavaBlocks.violations("""
        [source,java]
        ----
        include::{snippets}/GettingStartedTest.java[]
        ----

        [source,java]
        ----
        include::{repo}/crdt-core/src/main/java/io/crdtkit/ORSet.java[tags=x]
        ----
        """)).hasSize(2);
  }

  @Test
  void javaParagraphsAndFencesAreRefusedToo() {
    assertThat(JavaBlocks.violations("""
        [source,java]
        var x = 1;

        ```java
        var y = 2;
        ```
        """)).hasSize(2);
  }

  @Test
  void blocksInOtherLanguagesAreNotJava() {
    assertThat(JavaBlocks.violations("""
        [source,xml]
        ----
        <dependency/>
        ----

        [source,text]
        ----
        include::{outputs}/first-set.txt[]
        ----
        """)).isEmpty();
  }
}
