package dev.agentruntime.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Binaries built by {@code scripts/install-tools.sh}, and small process helpers. */
final class Tools {

  private Tools() {}

  /**
   * A binary from the cache {@code scripts/install-tools.sh} fills: {@code
   * $AGENT_RUNTIME_TOOLS/bin}, by default {@code ~/.cache/agent-runtime/tools/bin}.
   */
  static Path binary(String name) {
    Path candidate = location(name);
    if (!Files.isExecutable(candidate)) {
      throw new IllegalStateException(
          name
              + " not found at "
              + candidate
              + ": run scripts/install-tools.sh "
              + name
              + " (./test.sh does it for you)");
    }
    return candidate;
  }

  /** Where {@code scripts/install-tools.sh} puts the binary {@code name}, built or not. */
  static Path location(String name) {
    String tools = System.getenv("AGENT_RUNTIME_TOOLS");
    return tools != null && !tools.isBlank()
        ? Path.of(tools, "bin", name)
        : Path.of(System.getProperty("user.home"), ".cache/agent-runtime/tools/bin", name);
  }

  static boolean waitForExit(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
