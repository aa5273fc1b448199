package dev.agentruntime.core.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master keys of a deployment: the first one wraps new data keys and re-wraps old ones; the
 * others only unwrap, so that a rotation can add a key, re-wrap every data key under it, and retire
 * the old key afterwards with nothing lost.
 *
 * <p>A key is standard base64 of 32 bytes ({@code openssl rand -base64 32}), given either in a
 * file, one line (what {@link #writeNewKey} writes), or itself in a setting ({@link #configured}).
 * No message of this class quotes a key: a malformed one is named by its file or its position.
 */
public final class MasterKeyring implements DataKeyWrapping {

  /** The keys themselves, standard base64, comma-separated, the first one active. */
  public static final String KEYS_SETTING = "agent-runtime.secrets.master-keys";

  /** Files holding one key each, comma-separated, the first one active. */
  public static final String KEY_FILES_SETTING = "agent-runtime.secrets.master-key-files";

  /** What an operator is told to set when a deployment has no (or not the right) master key. */
  public static final String SETTINGS = KEYS_SETTING + " or " + KEY_FILES_SETTING;

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

  /**
   * The keyring of these keys, each standard base64 of 32 bytes (surrounding spaces ignored), the
   * first one active.
   *
   * @throws IllegalArgumentException naming the position (1 = the first) of the key that is not
   *     base64, is not 32 bytes long, or repeats an earlier one; never the key
   */
  public static MasterKeyring fromBase64(List<String> keys) {
    List<MasterKey> parsed = new ArrayList<>();
    Map<String, Integer> positionById = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      String position = "master key " + (i + 1) + " of " + keys.size();
      byte[] material;
      try {
        material = Base64.getDecoder().decode(keys.get(i).strip());
      } catch (IllegalArgumentException e) {
        // The decoder's message quotes the offending character: not passed on.
        throw new IllegalArgumentException(position + " is not base64");
      }
      if (material.length != MasterKey.BYTES) {
        throw new IllegalArgumentException(
            position + " must be " + MasterKey.BYTES + " bytes in base64");
      }
      MasterKey key = new MasterKey(material);
      Arrays.fill(material, (byte) 0);
      Integer earlier = positionById.putIfAbsent(key.id(), i + 1);
      if (earlier != null) {
        throw new IllegalArgumentException(position + " is the same key as master key " + earlier);
      }
      parsed.add(key);
    }
    return new MasterKeyring(parsed);
  }

  /**
   * The keyring a deployment configures, from one of two settings: the keys themselves ({@value
   * #KEYS_SETTING}), for platforms that hand secrets to a process only as environment variables (an
   * ECS task definition's {@code secrets}), or files holding them ({@value #KEY_FILES_SETTING}).
   * Either way the first key is active and the others only unwrap, during a rotation. Blank entries
   * are ignored, so a setting of only blanks counts as unset.
   *
   * @param keys the entries of {@value #KEYS_SETTING}, empty when unset
   * @param keyFiles the entries of {@value #KEY_FILES_SETTING}, empty when unset
   * @return empty when neither setting is set
   * @throws IllegalArgumentException when both are set (one source of truth: a key in one and its
   *     rotation in the other would be easy to get wrong), or a key is missing or malformed; the
   *     message starts with the setting's name and never quotes a key
   */
  public static Optional<MasterKeyring> configured(List<String> keys, List<String> keyFiles) {
    List<String> inline = keys.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
    List<Path> files =
        keyFiles.stream().map(String::strip).filter(f -> !f.isEmpty()).map(Path::of).toList();
    if (!inline.isEmpty() && !files.isEmpty()) {
      throw new IllegalArgumentException(
          KEYS_SETTING
              + " and "
              + KEY_FILES_SETTING
              + " are both set: set one of them (the keys, or the files that hold them)");
    }
    try {
      if (!inline.isEmpty()) {
        return Optional.of(fromBase64(inline));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(KEYS_SETTING + ": " + e.getMessage());
    }
    try {
      return files.isEmpty() ? Optional.empty() : Optional.of(load(files));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(KEY_FILES_SETTING + ": " + e.getMessage());
    }
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

  @Override
  public String activeKeyId() {
    return active().id();
  }

  @Override
  public boolean canUnwrap(String keyId) {
    return byId.containsKey(keyId);
  }

  @Override
  public List<String> keyIds() {
    return keys.stream().map(MasterKey::id).toList();
  }

  @Override
  public WrappedKey wrap(String tenantId, byte[] dataKey) {
    return new WrappedKey(active().id(), SecretEnvelope.wrap(active(), tenantId, dataKey));
  }

  @Override
  public byte[] unwrap(String tenantId, String keyId, byte[] wrapped) {
    MasterKey key =
        find(keyId)
            .orElseThrow(() -> new IllegalArgumentException("no master key " + keyId + " here"));
    return SecretEnvelope.unwrap(key, tenantId, wrapped);
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
