package io.crdtkit.jackson;

import static io.crdtkit.jackson.Codecs.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.GSet;
import io.crdtkit.ORSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/** Optional gzip for transport: read back whatever was written, and never inflate past the document limit. */
class CompressionTest {

  static final TypeReference<GSet<String>> STRINGS = new TypeReference<>() {};
  static final GSet<String> BIG = GSet.ofAll(IntStream.range(0, 1_000).mapToObj(i -> "item-" + i).toList());

  @Test
  void largeDocumentsAreGzipped_smallOnesAreNot_andBothDecode() {
    CrdtCodec<GSet<String>> codec = CrdtCodec.of(Codecs.SMILE, STRINGS).withCompressionAbove(1_024);
    byte[] big = codec.encode(BIG);
    byte[] small = codec.encode(GSet.of("x"));
    assertThat(big).startsWith(0x1f, 0x8b).hasSizeLessThan(CrdtCodec.of(Codecs.SMILE, STRINGS).encode(BIG).length / 3);
    assertThat(small).startsWith(':', ')');
    assertThat(codec.decode(big)).isEqualTo(BIG);
    assertThat(CrdtCodec.of(Codecs.SMILE, STRINGS).decode(big)).as("any codec reads gzip").isEqualTo(BIG);
    assertThat(codec.decode(small)).isEqualTo(GSet.of("x"));
  }

  /** A gzip bomb: 64 MiB of zeros in about 64 KiB. Inflating stops at the limit. */
  @Test
  void aPayloadThatInflatesPastTheLimit() throws IOException {
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        gzip.write(zeros);
      }
    }
    CodecLimits limits = CodecLimits.defaults().withMaxDocumentBytes(1 << 20);
    CrdtDecodeException e = failure(CrdtCodec.of(CrdtMappers.smile(limits), STRINGS), bomb.toByteArray());
    assertThat(e.rule()).isEqualTo("the payload inflates to more than 1048576 bytes (CodecLimits.maxDocumentBytes)");
  }

  @Test
  void aDamagedGzipStream() {
    byte[] gzipped = CrdtCodec.of(Codecs.JSON, STRINGS).withCompressionAbove(0).encode(BIG);
    byte[] cut = Arrays.copyOf(gzipped, gzipped.length / 2);
    assertThat(failure(STRINGS, cut).rule()).startsWith("malformed gzip: Unexpected end of ZLIB input stream");
    byte[] flipped = gzipped.clone();
    flipped[gzipped.length / 2] ^= 0x10;
    assertThat(failure(STRINGS, flipped).rule()).startsWith("malformed gzip: ");
  }

  @Test
  void theThresholdMustNotBeNegative() {
    assertThat(org.assertj.core.api.Assertions.catchThrowable(
        () -> CrdtCodec.of(Codecs.JSON, new TypeReference<ORSet<String>>() {}).withCompressionAbove(-1)))
        .hasMessage("compression threshold must be >= 0, got -1");
  }
}
