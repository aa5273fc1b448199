package dev.agentruntime.systemtests;

import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.standalone.LauncherEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./standalone.sh} as a user runs it: the packaged launcher jar as a process of its own, its
 * console captured line by line (and copied to a file for the report).
 */
final class LauncherProcess implements AutoCloseable {

  private static final Pattern UP = Pattern.compile("standalone is up \\(([0-9.]+) s\\)");

  private final Process process;
  private final Path home;
  private final Path outputFile;
  private final List<String> lines = new ArrayList<>();

  /**
   * Whether the console has been read to its end. The process's exit says nothing about that: its
   * last lines (the stop line, printed just before it exits) may still be in the pipe, not yet read
   * by {@link #readOutput}, when {@link Process#waitFor} returns. Guarded by {@code lines}.
   */
  private boolean drained;

  private final long startedNanos = System.nanoTime();

  private LauncherProcess(Process process, Path home, Path outputFile) {
    this.process = process;
    this.home = home;
    this.outputFile = outputFile;
    Thread.ofPlatform().daemon().start(this::readOutput);
  }

  static LauncherProcess start(Path home, String outputName, String... options) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dagent-runtime.api.app=" + System.getProperty("agent-runtime.api.app"));
    command.add("-Dagent-runtime.worker.app=" + System.getProperty("agent-runtime.worker.app"));
    command.add("-jar");
    command.add(System.getProperty("agent-runtime.standalone.jar"));
    command.addAll(List.of(options));
    try {
      Files.createDirectories(home);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      LauncherEnvironment.onOwnDefaults(builder, home);
      return new LauncherProcess(builder.start(), home, home.resolve(outputName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readOutput() {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer copy = Files.newBufferedWriter(outputFile)) {
      String line;
      while ((line = in.readLine()) != null) {
        copy.write(line + "\n");
        copy.flush();
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process is gone
    } finally {
      synchronized (lines) {
        drained = true;
        lines.notifyAll();
      }
    }
  }

  /** Waits for a console line matching {@code pattern}; fails with the whole console if none. */
  Matcher awaitLine(Pattern pattern, Duration timeout) {
    return awaitLine(pattern, timeout, 0);
  }

  /** As above, among the lines from number {@code from} on (see {@link #lineCount}). */
  Matcher awaitLine(Pattern pattern, Duration timeout, int from) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = from;
    synchronized (lines) {
      while (true) {
        for (; seen < lines.size(); seen++) {
          Matcher m = pattern.matcher(lines.get(seen));
          if (m.find()) {
            return m;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (drained && seen == lines.size())) {
          throw new AssertionError(
              "no line matching " + pattern + " within " + timeout + "; console:\n" + output());
        }
        try {
          lines.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 500));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  /** Waits until the stack is up; returns the seconds from the launch until then, wall clock. */
  double awaitUp(Duration timeout) {
    awaitLine(UP, timeout);
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  int lineCount() {
    synchronized (lines) {
      return lines.size();
    }
  }

  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Waits for the process to exit and its console to be read to the end (see {@link #drained}). */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    synchronized (lines) {
      while (!drained) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        lines.wait(left);
      }
    }
    return true;
  }

  int exitCode() {
    return process.exitValue();
  }

  /** The launcher's descendants and the PostgreSQL postmaster, which pg_ctl detached from it. */
  List<ProcessHandle> stackProcesses() {
    List<ProcessHandle> stack = new ArrayList<>(process.descendants().toList());
    postmaster().ifPresent(stack::add);
    return stack;
  }

  Optional<ProcessHandle> postmaster() {
    return LocalPostgres.postmasterPid(home.resolve("data/postgres")).flatMap(ProcessHandle::of);
  }

  /** The process whose command line names {@code app} (the API's or the worker's jar). */
  ProcessHandle child(String app) {
    return process
        .descendants()
        .filter(p -> p.info().commandLine().orElse("").contains(app))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no process running " + app));
  }

  /**
   * SIGTERM, as Ctrl-C or a service manager stops it. Sent through the process's handle, not {@link
   * Process#destroy}: that one also closes this side of the launcher's stdout pipe right after the
   * signal, so whatever the launcher prints while it stops (its stop line among it) went into a
   * pipe nobody read any more, and was lost, although a terminal shows it.
   */
  void stop() {
    process.toHandle().destroy();
  }

  /** SIGKILL: the launcher dies without running anything. */
  void kill() {
    process.destroyForcibly();
  }

  /** Waits until none of {@code processes} is alive; returns the seconds it took, or -1. */
  static double awaitAllGone(List<ProcessHandle> processes, Duration timeout) {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (processes.stream().noneMatch(ProcessHandle::isAlive)) {
        return (System.nanoTime() - t0) / 1e9;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
    return -1;
  }

  /** Leaves nothing behind, whatever state the test left the launcher in. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> stack = stackProcesses();
    process.destroyForcibly();
    if (awaitAllGone(stack, Duration.ofSeconds(20)) < 0) {
      stack.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
