package io.crdtkit.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The record an open store keeps ({@code 'o'}): the durability it writes with and the machine's boot id. A clean
 * close deletes it, so finding one at open means the previous owner died. SUBTLE: a process that died (kill -9)
 * loses nothing it wrote, in any mode: the operating system holds it. A machine that died loses what was not
 * fsync'd; in ASYNC mode that includes acknowledged writes, and whole records go missing without a torn one to
 * show it. The boot id tells the two deaths apart: it changes with every boot.
 */
record OpenMarker(Durability durability, String bootId) {

  private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

  /** This boot's id, or "unknown" where the system has none (then every unclean ASYNC stop counts as a reboot). */
  static String currentBootId() {
    try {
      return Files.readString(BOOT_ID, StandardCharsets.UTF_8).trim();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Whether acknowledged writes of the owner that left this marker may be missing, judged from {@code bootId}. */
  boolean writesMayBeLost(String nowBootId) {
    return durability == Durability.ASYNC && (!bootId.equals(nowBootId) || bootId.equals("unknown"));
  }

  byte[] encode() {
    byte[] id = bootId.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[1 + id.length];
    out[0] = (byte) durability.ordinal();
    System.arraycopy(id, 0, out, 1, id.length);
    return out;
  }

  static OpenMarker decode(byte[] payload) {
    return new OpenMarker(Durability.values()[payload[0]],
        new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8));
  }
}
