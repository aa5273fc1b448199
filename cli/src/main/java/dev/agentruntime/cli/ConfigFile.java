package dev.agentruntime.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code config.json}: the profiles and which one is current. It holds bearer and refresh tokens,
 * so it is only ever written as a new file created with mode 600 (never widened and narrowed
 * after), then moved over the old one; its directory is created with mode 700.
 *
 * <p>Where: {@code $AGENTCTL_CONFIG} when set (tests, several configs side by side), else {@code
 * $XDG_CONFIG_HOME/agentctl/config.json}, else {@code ~/.config/agentctl/config.json}.
 */
public final class ConfigFile {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What the file holds. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Contents(String currentProfile, Map<String, Profile> profiles) {
    public Contents {
      profiles = profiles == null ? new TreeMap<>() : new TreeMap<>(profiles);
    }
  }

  private final Path path;

  public ConfigFile(Path path) {
    this.path = path;
  }

  /** The config file the environment names (see the class comment). */
  public static ConfigFile locate(Map<String, String> env) {
    String explicit = env.get("AGENTCTL_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      return new ConfigFile(Path.of(explicit));
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
    return new ConfigFile(base.resolve("agentctl").resolve("config.json"));
  }

  public Path path() {
    return path;
  }

  /** The contents; empty when there is no file yet. */
  public Contents read() {
    if (!Files.exists(path)) {
      return new Contents(null, Map.of());
    }
    try {
      return JSON.readValue(path.toFile(), Contents.class);
    } catch (IOException e) {
      throw CliFailure.usage("cannot read " + path + ": " + e.getMessage());
    }
  }

  /** Replaces the file with {@code contents}, as a new file of mode 600. */
  public void write(Contents contents) {
    try {
      Path dir = path.toAbsolutePath().getParent();
      boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
          Files.createDirectories(dir);
        }
      }
      Path temp = dir.resolve("." + path.getFileName() + "." + ProcessHandle.current().pid());
      Files.deleteIfExists(temp);
      FileAttribute<?>[] attributes =
          posix
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
              : new FileAttribute<?>[0];
      try {
        Files.createFile(temp, attributes);
      } catch (FileAlreadyExistsException e) {
        throw new IOException("another agentctl is writing " + path, e);
      }
      Files.write(temp, JSON.writeValueAsBytes(contents));
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw CliFailure.usage("cannot write " + path + ": " + e.getMessage());
    }
  }
}
