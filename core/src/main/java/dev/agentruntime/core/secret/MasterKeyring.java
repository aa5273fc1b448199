package dev.agentruntime.core.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master keys of a deployment: the first one wraps new data keys and re-wraps old ones; the
 * others only unwrap, so that a rotation can add a key, re-wrap every data key under it, and retire
 * the old key afterwards with nothing lost.
 *
 * <p>A key file holds the key as standard base64 of 32 bytes, one line (what {@link #writeNewKey}
 * writes, or {@code openssl rand -base64 32}).
 */
public final class MasterKeyring {

  private final List<MasterKey> keys;
  private final Map<String, MasterKey> byId = new LinkedHashMap<>();

  public MasterKeyring(List<MasterKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a keyring needs at least one master key");
    }
    this.keys = List.copyOf(keys);
    for (MasterKey key : keys) {
      if (byId.putIfAbsent(key.id(), key) != null) {
        throw new IllegalArgumentException("master key " + key.id() + " is listed twice");
      }
    }
  }

  /**
   * The keyring of these key files, the first one active.
   *
   * @throws IllegalArgumentException naming the file that is missing or holds no key (never its
   *     content)
   */
  public static MasterKeyring load(List<Path> files) {
    return new MasterKeyring(files.stream().map(MasterKeyring::read).toList());
  }

  /** The key new data keys are wrapped with. */
  public MasterKey active() {
    return keys.get(0);
  }

  public Optional<MasterKey> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<MasterKey> keys() {
    return keys;
  }

  /** Writes a new random key to {@code file}, readable by its owner only. */
  public static void writeNewKey(Path file) throws IOException {
    byte[] material = new byte[MasterKey.BYTES];
    new SecureRandom().nextBytes(material);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".master-key", ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Not a POSIX file system: the directory's permissions are what protect it.
    }
    Files.writeString(temp, Base64.getEncoder().encodeToString(material) + "\n");
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static MasterKey read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "master key file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    byte[] material;
    try {
      material = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("master key file " + file + " is not base64");
    }
    if (material.length != MasterKey.BYTES) {
      throw new IllegalArgumentException(
          "master key file " + file + " must hold " + MasterKey.BYTES + " bytes in base64");
    }
    return new MasterKey(material);
  }
}
