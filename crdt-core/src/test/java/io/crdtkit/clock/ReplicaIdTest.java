package io.crdtkit.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ReplicaId}: what a valid id is, the messages for invalid ones, fresh incarnations and the order. */
class ReplicaIdTest {

  @Nested
  class Validation {

    @Test
    void acceptsOneCharacterAndMaxLength() {
      assertThat(ReplicaId.of("a").name()).isEqualTo("a");
      String longest = "x".repeat(ReplicaId.MAX_LENGTH);
      assertThat(ReplicaId.of(longest).name()).hasSize(128);
    }

    @Test
    void acceptsPunctuationAndNonAsciiLetters() {
      assertThat(ReplicaId.of("cart-eu_1.node:7/ü").name()).isEqualTo("cart-eu_1.node:7/ü");
    }

    @Test
    void rejectsNullNamingTheName() {
      assertThatThrownBy(() -> ReplicaId.of(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica id name");
    }

    @Test
    void rejectsEmptyNamingTheLengthLimit() {
      assertThatThrownBy(() -> ReplicaId.of(""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1 to 128 characters")
          .hasMessageContaining("got 0");
    }

    @Test
    void rejectsOneCharacterPastMaxLength() {
      String tooLong = "x".repeat(ReplicaId.MAX_LENGTH + 1);
      assertThatThrownBy(() -> ReplicaId.of(tooLong))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1 to 128 characters")
          .hasMessageContaining("got 129");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", " a", "a ", "a\tb", "a\nb", "a\rb", "\u2003em-space", "a\u2028b"})
    void rejectsWhitespace(String name) {
      assertThatThrownBy(() -> ReplicaId.of(name))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must not contain whitespace, control or formatting characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0007", "\u001bx", "a\u007fb", "a\u0085b", "a\u009fb"})
    void rejectsControlCharacters(String name) {
      assertThatThrownBy(() -> ReplicaId.of(name))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must not contain whitespace, control or formatting characters");
    }

    /**
     * Regression: {@code Character.isWhitespace} excludes the no-break spaces (U+00A0, U+2007, U+202F), so an id
     * like {@code "a\u00A0b"} was accepted and printed exactly like {@code "a b"}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"a\u00a0b", "a\u2007b", "a\u202fb"})
    void noBreakSpaceIsRejectedAsWhitespace(String name) {
      assertThatThrownBy(() -> ReplicaId.of(name))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must not contain whitespace, control or formatting characters");
    }

    /** Invisible characters (zero-width space, byte-order mark, right-to-left override) would make look-alikes. */
    @ParameterizedTest
    @ValueSource(strings = {"a\u200bb", "\ufeffa", "a\u202eb"})
    void rejectsInvisibleFormattingCharacters(String name) {
      assertThatThrownBy(() -> ReplicaId.of(name))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("formatting characters")
          .hasMessageContaining("at index");
    }

    @Test
    void constructorAndFactoryValidateAlike() {
      assertThatThrownBy(() -> new ReplicaId("a b")).isInstanceOf(IllegalArgumentException.class);
      assertThat(new ReplicaId("a")).isEqualTo(ReplicaId.of("a"));
    }
  }

  @Nested
  class Fresh {

    @Test
    void startsWithThePrefixAndTwelveHexDigits() {
      ReplicaId id = ReplicaId.fresh("cart");
      assertThat(id.name()).matches("cart-[0-9a-f]{12}");
    }

    @Test
    void givesDistinctIdsForTheSamePrefix() {
      Set<ReplicaId> ids = IntStream.range(0, 1_000)
          .mapToObj(i -> ReplicaId.fresh("node"))
          .collect(Collectors.toCollection(HashSet::new));
      assertThat(ids).hasSize(1_000).allSatisfy(id -> assertThat(id.name()).startsWith("node-"));
    }

    @Test
    void rejectsNullPrefix() {
      assertThatThrownBy(() -> ReplicaId.fresh(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("prefix");
    }

    @Test
    void rejectsPrefixThatMakesAnInvalidId() {
      assertThatThrownBy(() -> ReplicaId.fresh("my cart"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("whitespace");
      // 13 characters are appended ("-" and 12 hex digits), so a prefix of MAX_LENGTH - 12 is one too long.
      assertThat(ReplicaId.fresh("p".repeat(ReplicaId.MAX_LENGTH - 13)).name()).hasSize(ReplicaId.MAX_LENGTH);
      assertThatThrownBy(() -> ReplicaId.fresh("p".repeat(ReplicaId.MAX_LENGTH - 12)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got 129");
    }
  }

  @Nested
  class OrderAndText {

    @Test
    void ordersByTextLikeStringCompareTo() {
      List<ReplicaId> ids = List.of(ReplicaId.of("b"), ReplicaId.of("B"), ReplicaId.of("a10"),
          ReplicaId.of("a2"), ReplicaId.of("a"));
      assertThat(ids.stream().sorted().map(ReplicaId::name))
          .containsExactly("B", "a", "a10", "a2", "b");
    }

    @Test
    void compareToIsConsistentWithEquals() {
      assertThat(ReplicaId.of("a").compareTo(ReplicaId.of("a"))).isZero();
      assertThat(ReplicaId.of("a")).isEqualTo(ReplicaId.of("a")).hasSameHashCodeAs(ReplicaId.of("a"));
      assertThat(ReplicaId.of("a").compareTo(ReplicaId.of("b"))).isNegative();
      assertThat(ReplicaId.of("b").compareTo(ReplicaId.of("a"))).isPositive();
    }

    @Test
    void toStringIsTheBareName() {
      assertThat(ReplicaId.of("cart-1")).hasToString("cart-1");
    }
  }
}
