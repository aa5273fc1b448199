package dev.agentruntime.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Which Temporal server standalone mode runs. The real one (the Temporal CLI's dev server, SQLite
 * under the home) when it is built; built on first use by {@code scripts/install-tools.sh} when Go
 * is installed; otherwise Temporal's in-memory test server, which loses every workflow when the
 * stack stops and cannot hand a crashed worker's run to a new worker.
 *
 * @param cli the dev server binary; empty for the in-memory test server
 */
record TemporalChoice(Optional<Path> cli) {

  /** What the machine offers: the binary's place, a Go toolchain, the script that builds it. */
  record Machine(Path cliLocation, Optional<Path> go, Optional<Path> installScript) {

    static Machine current(Path cliLocation, Path scriptsDirectory) {
      Path script = scriptsDirectory.resolve("install-tools.sh");
      return new Machine(
          cliLocation,
          onPath("go"),
          Files.isExecutable(script) ? Optional.of(script) : Optional.empty());
    }

    private static Optional<Path> onPath(String name) {
      String path = System.getenv("PATH");
      if (path == null) {
        return Optional.empty();
      }
      return Arrays.stream(path.split(":"))
          .filter(dir -> !dir.isBlank())
          .map(dir -> Path.of(dir, name))
          .filter(Files::isExecutable)
          .findFirst();
    }
  }

  /** Decides, building the server first if it can; says on the console what it chose and why. */
  static TemporalChoice choose(Machine machine, Path buildLog, PrintStream console) {
    if (Files.isExecutable(machine.cliLocation())) {
      return new TemporalChoice(Optional.of(machine.cliLocation()));
    }
    if (machine.go().isPresent() && machine.installScript().isPresent()) {
      if (build(machine, buildLog, console)) {
        return new TemporalChoice(Optional.of(machine.cliLocation()));
      }
      fallBack(console, "building it failed (see " + buildLog + ")");
    } else if (machine.go().isEmpty()) {
      fallBack(console, "it is not built (" + machine.cliLocation() + ") and Go is not installed");
    } else {
      fallBack(console, "it is not built and scripts/install-tools.sh was not found");
    }
    return new TemporalChoice(Optional.empty());
  }

  private static boolean build(Machine machine, Path buildLog, PrintStream console) {
    console.printf(
        "Building the Temporal server (Temporal CLI dev server) from its Go module: first run"
            + " only, about 2 minutes; cached at %s (log %s) ...%n",
        machine.cliLocation(), buildLog);
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(buildLog.getParent());
      Process build =
          new ProcessBuilder(machine.installScript().get().toString(), "temporal")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(buildLog.toFile()))
              .start();
      if (!build.waitFor(20, TimeUnit.MINUTES)) {
        build.destroyForcibly();
        return false;
      }
      boolean built = build.exitValue() == 0 && Files.isExecutable(machine.cliLocation());
      if (built) {
        console.printf("Temporal server built in %.0f s.%n", (System.nanoTime() - t0) / 1e9);
      }
      return built;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void fallBack(PrintStream console, String why) {
    console.printf(
        """
        NOTE: running Temporal's in-memory test server, because the real Temporal server is not \
        available: %s.
          Crash survival needs the real server. On the in-memory one, runs in flight are lost when \
        the stack stops (PostgreSQL keeps them as they were), and a run whose worker dies may hang.
          To get it: install Go (https://go.dev/dl/) and start ./standalone.sh again (it builds the \
        server once, about 2 minutes), or run scripts/install-tools.sh temporal.
        """,
        why);
  }
}
