package dev.agentruntime.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key that wraps tenants' data keys. Its id is derived from the key itself (the first
 * 16 hex digits of a SHA-256 over a fixed label and the key), so the id stored beside a wrapped
 * data key always names the key that wrapped it, whatever the operator calls the file.
 */
public final class MasterKey {

  public static final int BYTES = 32;

  private final String id;
  private final SecretKey key;

  public MasterKey(byte[] material) {
    if (material.length != BYTES) {
      throw new IllegalArgumentException("a master key is " + BYTES + " bytes");
    }
    this.key = new SecretKeySpec(material.clone(), "AES");
    this.id = idOf(material);
  }

  public String id() {
    return id;
  }

  SecretKey key() {
    return key;
  }

  @Override
  public String toString() {
    return "MasterKey[" + id + "]";
  }

  private static String idOf(byte[] material) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("agent-runtime master key id\0".getBytes(StandardCharsets.US_ASCII));
      byte[] digest = sha.digest(material);
      return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
