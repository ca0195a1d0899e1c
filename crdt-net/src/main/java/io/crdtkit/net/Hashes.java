package io.crdtkit.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 64-bit hashes anti-entropy compares: the first 8 bytes of SHA-256. A cryptographic hash because a digest
 * that collides hides a divergence for good; SHA-256 is on every JVM.
 */
final class Hashes {

  private Hashes() {}

  static long ofKey(String key) {
    return of(key.getBytes(StandardCharsets.UTF_8));
  }

  static long of(byte[] bytes) {
    byte[] digest = sha256().digest(bytes);
    long hash = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      hash = (hash << 8) | (digest[i] & 0xFF);
    }
    return hash;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
