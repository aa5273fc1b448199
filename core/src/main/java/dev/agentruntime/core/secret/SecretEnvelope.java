package dev.agentruntime.core.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of tenant secrets: each tenant has a random 256-bit data key, stored only
 * wrapped (AES-256-GCM) by a {@link MasterKey}; each secret value is sealed (AES-256-GCM) with its
 * tenant's data key. The additional authenticated data binds a wrapped key to its tenant and a
 * sealed value to its tenant and name, so a ciphertext copied to another row (another tenant,
 * another name) fails to open instead of handing over the value.
 *
 * <p>Format of both: one version byte (1), a 12-byte random nonce, then ciphertext and 16-byte tag.
 * Exceptions never carry plaintext.
 */
public final class SecretEnvelope {

  /** Largest secret value: far above any key or token, small enough for a row. */
  public static final int MAX_VALUE_BYTES = 16 * 1024;

  private static final byte FORMAT = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretEnvelope() {}

  /** A new random data key. */
  public static byte[] newDataKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  public static byte[] wrap(MasterKey master, String tenantId, byte[] dataKey) {
    return seal(master.key(), aad("tenant-data-key", tenantId), dataKey);
  }

  /**
   * @throws SecretCryptoException when the wrapped key was not made by {@code master} for {@code
   *     tenantId} or was changed
   */
  public static byte[] unwrap(MasterKey master, String tenantId, byte[] wrapped) {
    return open(master.key(), aad("tenant-data-key", tenantId), wrapped);
  }

  public static byte[] seal(byte[] dataKey, String tenantId, String name, byte[] value) {
    return seal(aes(dataKey), aad("tenant-secret", tenantId + "\0" + name), value);
  }

  /**
   * @throws SecretCryptoException when the value was not sealed with this data key for this tenant
   *     and name, or was changed
   */
  public static byte[] open(byte[] dataKey, String tenantId, String name, byte[] sealed) {
    return open(aes(dataKey), aad("tenant-secret", tenantId + "\0" + name), sealed);
  }

  /**
   * A short keyed fingerprint of a value, to tell values apart (did the rotation land? are two
   * secrets the same?) without offering an unkeyed hash of a possibly guessable secret: HMAC-SHA256
   * under a key derived from the tenant's data key, first 16 hex digits.
   */
  public static String fingerprint(byte[] dataKey, byte[] value) {
    try {
      Mac derive = Mac.getInstance("HmacSHA256");
      derive.init(new SecretKeySpec(dataKey, "HmacSHA256"));
      byte[] fingerprintKey =
          derive.doFinal("agent-runtime secret fingerprint".getBytes(StandardCharsets.US_ASCII));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
      return "hmac-sha256:" + HexFormat.of().formatHex(Arrays.copyOf(mac.doFinal(value), 8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] seal(SecretKey key, byte[] aad, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
          .put(FORMAT)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  private static byte[] open(SecretKey key, byte[] aad, byte[] sealed) {
    if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
      throw new SecretCryptoException("not a sealed value of a known format");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
      cipher.updateAAD(aad);
      return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new SecretCryptoException("the key does not open it, or it was changed");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  private static SecretKey aes(byte[] dataKey) {
    return new SecretKeySpec(dataKey, "AES");
  }

  private static byte[] aad(String purpose, String subject) {
    return (purpose + "\0" + subject).getBytes(StandardCharsets.UTF_8);
  }
}
