package dev.agentruntime.worker.secret;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns a secret reference from a spec into the secret, in the worker only: specs, the database and
 * workflow histories hold references, never secrets. Used alike by model keys, tools and agent
 * endpoints.
 *
 * <ul>
 *   <li>{@code env:NAME} — the worker's environment variable {@code NAME};
 *   <li>{@code file:/absolute/path} — the file's content, one trailing line break removed (how
 *       mounted secrets, Docker and Kubernetes alike, are written).
 * </ul>
 *
 * A reference that cannot be resolved is a configuration error no retry can fix: it fails the step
 * at once, naming what needed it and never the value.
 */
@Singleton
public class SecretResolver {

  /** Larger than any key or token; a bigger file is not a secret but a mistake. */
  static final long MAX_FILE_BYTES = 64 * 1024;

  private final Map<String, String> environment;

  public SecretResolver() {
    this(System.getenv());
  }

  /** With another environment, for tests. */
  public SecretResolver(Map<String, String> environment) {
    this.environment = environment;
  }

  /**
   * @param ref the reference as the spec states it
   * @param usedFor what needs it, for the error message, for example {@code model.apiKeyRef}
   */
  public String resolve(String ref, String usedFor) {
    if (ref.startsWith("env:")) {
      String name = ref.substring("env:".length());
      String value = environment.get(name);
      if (value == null || value.isBlank()) {
        throw unresolved("the worker's environment variable " + name + " is not set", usedFor);
      }
      return value;
    }
    if (ref.startsWith("file:")) {
      Path path = Path.of(ref.substring("file:".length()));
      try {
        if (!path.isAbsolute() || !Files.isRegularFile(path)) {
          throw unresolved("no file at " + path + " on the worker", usedFor);
        }
        if (Files.size(path) > MAX_FILE_BYTES) {
          throw unresolved("the file " + path + " is larger than 64 KiB", usedFor);
        }
        String value = stripOneLineBreak(Files.readString(path, StandardCharsets.UTF_8));
        if (value.isBlank()) {
          throw unresolved("the file " + path + " is empty", usedFor);
        }
        return value;
      } catch (IOException e) {
        throw unresolved(
            "the file " + path + " cannot be read (" + e.getClass().getSimpleName() + ")", usedFor);
      }
    }
    throw unresolved("unsupported secret reference; use env:NAME or file:/path", usedFor);
  }

  private static String stripOneLineBreak(String value) {
    if (value.endsWith("\r\n")) {
      return value.substring(0, value.length() - 2);
    }
    return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
  }

  private static ApplicationFailure unresolved(String why, String usedFor) {
    return ApplicationFailure.newNonRetryableFailure(
        usedFor + " cannot be resolved: " + why, ActivityFailureTypes.CLIENT_ERROR);
  }
}
