package io.crdtkit.net;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What the tests' logger (slf4j-simple, which writes to whatever {@code System.err} is at each line) prints while
 * it is open, still passed on to the real standard error. Tests in one JVM run one at a time, so the swap is safe.
 */
final class LogCapture implements AutoCloseable {

  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private LogCapture() {}

  static LogCapture start() {
    LogCapture capture = new LogCapture();
    System.setErr(new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (capture.captured) {
          capture.captured.write(b);
        }
        capture.original.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        synchronized (capture.captured) {
          capture.captured.write(bytes, offset, length);
        }
        capture.original.write(bytes, offset, length);
      }
    }, true, StandardCharsets.UTF_8));
    return capture;
  }

  /** The lines printed so far that contain every one of {@code parts}. */
  List<String> lines(String... parts) {
    String text;
    synchronized (captured) {
      text = captured.toString(StandardCharsets.UTF_8);
    }
    return text.lines().filter(line -> Arrays.stream(parts).allMatch(line::contains)).toList();
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
