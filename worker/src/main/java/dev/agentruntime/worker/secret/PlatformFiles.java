package dev.agentruntime.worker.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files platform secrets may be read from: only inside one directory (setting {@code
 * agent-runtime.secrets.platform-file-dir}, default {@code /run/secrets}, where Docker, ECS and
 * Kubernetes mount secrets), checked on the real path, so neither {@code ..} nor a symbolic link
 * leads out of it. A file's content is the value, one trailing line break removed.
 */
public final class PlatformFiles {

  /** Larger than any key or token; a bigger file is not a secret but a mistake. */
  static final long MAX_FILE_BYTES = 64 * 1024;

  private final Path directory;

  public PlatformFiles(Path directory) {
    this.directory = directory;
  }

  String read(String path, String usedFor) {
    Path file = Path.of(path);
    try {
      Path root = directory.toRealPath();
      if (!file.isAbsolute() || !Files.isRegularFile(file)) {
        throw SecretResolver.unresolved(usedFor, "no file at " + path + " on the worker");
      }
      Path real = file.toRealPath();
      if (!real.startsWith(root)) {
        throw SecretResolver.unresolved(
            usedFor, path + " is outside " + directory + ", the platform's secret directory");
      }
      if (Files.size(real) > MAX_FILE_BYTES) {
        throw SecretResolver.unresolved(usedFor, "the file " + path + " is larger than 64 KiB");
      }
      return stripOneLineBreak(Files.readString(real, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw SecretResolver.unresolved(
          usedFor, "the file " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String stripOneLineBreak(String value) {
    if (value.endsWith("\r\n")) {
      return value.substring(0, value.length() - 2);
    }
    return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
  }
}
