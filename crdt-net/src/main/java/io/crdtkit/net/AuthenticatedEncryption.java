package io.crdtkit.net;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.concurrent.BlockingQueue;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.EncryptHeader;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.Util;

/**
 * JGroups' SYM_ENCRYPT with AES/GCM: every message is encrypted <em>and authenticated</em> under the key all members
 * share, and a message that does not prove it was made with that key is refused and counted, not logged as an error.
 *
 * <p>Stock SYM_ENCRYPT in JGroups 5.5 cannot do this: its default transformation is AES/ECB (no integrity: a forged
 * ciphertext decrypts to garbage that the protocols above then parse), it passes an {@code IvParameterSpec} that the
 * JDK's GCM refuses, and it lets messages without a payload through unencrypted, checking only a key fingerprint
 * that travels in the clear. Here a message without a payload, without the encryption header, or whose GCM tag does
 * not verify is dropped. {@code SERIALIZE} sits right above (see {@link JGroupsStack#encrypted}), so every message a
 * member sends - headers, addresses and flags included - is a payload this protocol encrypts.
 *
 * <p>Every message carries a fresh random 96-bit IV; with random IVs one key should not encrypt more than about 2^32
 * messages (NIST SP 800-38D), which is why NET.md tells to rotate the key. GCM does not stop a replay by itself:
 * NAKACK2 and UNICAST3, whose sequence numbers are now inside the authenticated payload, drop duplicates.
 */
final class AuthenticatedEncryption extends SYM_ENCRYPT {

  static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private volatile Refusals refusals = new Refusals("unnamed channel");

  AuthenticatedEncryption(SecretKey key) {
    // the header id JGroups knows for SYM_ENCRYPT (a subclass it does not know would get 0); a stack holds one of them
    id = ClassConfigurator.getProtocolId(SYM_ENCRYPT.class);
    sym_algorithm = TRANSFORMATION;
    sym_iv_length = IV_BYTES;
    // SYM_ENCRYPT keeps the transformation only if the key's algorithm is spelled exactly "AES"
    setSecretKey(new SecretKeySpec(key.getEncoded(), "AES"));
  }

  /** Where refusals are counted: the node's, once it has one. */
  void countRefusalsIn(Refusals refusals) {
    this.refusals = refusals;
  }

  @Override
  protected byte[] code(byte[] buf, int offset, int length, byte[] iv, boolean decode) throws Exception {
    BlockingQueue<Cipher> pool = decode ? decoding_ciphers : encoding_ciphers;
    Cipher cipher = pool.take();
    try {
      cipher.init(decode ? Cipher.DECRYPT_MODE : Cipher.ENCRYPT_MODE, secret_key, new GCMParameterSpec(TAG_BITS, iv));
      return cipher.doFinal(buf, offset, length);
    } finally {
      pool.offer(cipher);
    }
  }

  @Override
  public Object up(Message msg) {
    if (msg.getHeader(id) == null) {
      refuse(msg.getSrc(), "a message without the encryption header");
      return null;
    }
    return super.up(msg);
  }

  @Override
  public void up(MessageBatch batch) {
    batch.removeIf(msg -> {
      boolean unencrypted = msg.getHeader(id) == null;
      if (unencrypted) {
        refuse(batch.sender(), "a message without the encryption header");
      }
      return unencrypted;
    }, true);
    if (!batch.isEmpty()) {
      super.up(batch);
    }
  }

  /** A fingerprint of another key: from a process with another key (or none) - never from a member of this view. */
  @Override
  protected boolean inView(Address sender, String errorMessage) {
    refuse(sender, "a message under another key");
    return false;
  }

  @Override
  protected Message _decrypt(Cipher cipher, Key key, Message msg, EncryptHeader header) {
    byte[] iv = header.iv();
    if (!msg.hasPayload() || iv == null || iv.length != IV_BYTES) {
      refuse(msg.getSrc(), "a message that is not encrypted"); // SERIALIZE above gives every real message a payload
      return null;
    }
    byte[] plain;
    try {
      if (cipher == null) {
        plain = code(msg.getArray(), msg.getOffset(), msg.getLength(), iv, true);
      } else {
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        plain = cipher.doFinal(msg.getArray(), msg.getOffset(), msg.getLength());
      }
    } catch (GeneralSecurityException forgedOrOtherKey) {
      refuse(msg.getSrc(), "a message whose authentication tag does not verify");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      refuse(msg.getSrc(), "a message that could not be decrypted (" + e + ")");
      return null;
    }
    try {
      return header.needsDeserialization() ? Util.messageFromBuffer(plain, 0, plain.length)
          : msg.setArray(plain, 0, plain.length);
    } catch (Exception e) {
      // authenticated, so made by a member: a bug or another version, not an attack; counted all the same
      refuse(msg.getSrc(), "an encrypted message that does not parse (" + e + ")");
      return null;
    }
  }

  private void refuse(Address sender, String what) {
    refusals.refuse(RefusalCause.UNAUTHENTICATED, sender, what);
  }
}
