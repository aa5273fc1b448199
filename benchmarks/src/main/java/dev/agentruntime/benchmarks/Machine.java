package dev.agentruntime.benchmarks;

import dev.agentruntime.embedded.TemporalDevServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What the reports say about the machine a run measured on; {@link #current()} reads it. */
record Machine(
    String cpu,
    int cores,
    String memory,
    String os,
    String kernel,
    String jdkVendor,
    String jdkVersion,
    String temporalVersion) {

  static Machine current() {
    return new Machine(
        firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU"),
        Runtime.getRuntime().availableProcessors(),
        memTotal(),
        osName(),
        System.getProperty("os.version"),
        System.getProperty("java.vm.vendor"),
        System.getProperty("java.runtime.version"),
        temporalCliVersion());
  }

  private static String memTotal() {
    return firstValue(Path.of("/proc/meminfo"), "MemTotal")
        .map(
            v ->
                String.format(
                    Locale.ROOT,
                    "%.1f GiB",
                    Long.parseLong(v.replace("kB", "").trim()) / 1024.0 / 1024.0))
        .orElse("unknown");
  }

  private static String osName() {
    try {
      for (String l : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (l.startsWith("PRETTY_NAME=")) {
          return l.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return System.getProperty("os.name");
  }

  /** The version install-tools.sh recorded next to the Temporal CLI it built. */
  private static String temporalCliVersion() {
    try {
      Path marker = TemporalDevServer.locateCli().resolveSibling(".temporal.version");
      String module = Files.readString(marker).trim();
      return module.substring(module.indexOf('@') + 1);
    } catch (IOException | RuntimeException e) {
      return "(version unknown)";
    }
  }

  private static Optional<String> firstValue(Path file, String key) {
    try {
      for (String l : Files.readAllLines(file)) {
        if (l.startsWith(key)) {
          return Optional.of(l.substring(l.indexOf(':') + 1).trim());
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return Optional.empty();
  }
}
