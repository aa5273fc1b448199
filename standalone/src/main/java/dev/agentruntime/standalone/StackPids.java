package dev.agentruntime.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processes of a running stack, as a file under the home ({@code stack.pids}): one line per
 * process, {@code pid start-epoch-millis name}. The reaper keeps it current; a launcher that finds
 * it left behind stops what it names. The start time guards against a pid the kernel has since
 * given to another process.
 */
final class StackPids {

  /** Name of the entry of the reaper itself. */
  static final String REAPER = "reaper";

  /** Name of the entry of the PostgreSQL postmaster, stopped with SIGINT (fast shutdown). */
  static final String POSTGRES = "postgres";

  record Entry(long pid, long startMillis, String name) {

    static Optional<Entry> of(ProcessHandle process, String name) {
      return process
          .info()
          .startInstant()
          .map(start -> new Entry(process.pid(), start.toEpochMilli(), name));
    }

    /** The process, if it is still the one this entry was written for. */
    Optional<ProcessHandle> live() {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              p ->
                  p.info()
                      .startInstant()
                      .map(Instant::toEpochMilli)
                      .map(start -> start == startMillis)
                      .orElse(false));
    }

    String line() {
      return pid + " " + startMillis + " " + name;
    }

    static Optional<Entry> parse(String line) {
      String[] parts = line.trim().split(" ", 3);
      if (parts.length < 3) {
        return Optional.empty();
      }
      try {
        return Optional.of(new Entry(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  private StackPids() {}

  static List<Entry> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file).stream().flatMap(l -> Entry.parse(l).stream()).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Replaces the file at once, so a reader never sees half a list. */
  static void write(Path file, Collection<Entry> entries) {
    try {
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(temporary, entries.stream().map(Entry::line).toList());
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asks every live entry to stop (SIGTERM; SIGINT for PostgreSQL, its fast shutdown), waits up to
   * {@code grace}, then kills what is left. Returns the entries that were running, and which of
   * them had to be killed.
   */
  static Outcome terminate(Collection<Entry> entries, Duration grace) {
    Map<Entry, ProcessHandle> running = new LinkedHashMap<>();
    for (Entry entry : entries) {
      entry
          .live()
          .ifPresent(
              process -> {
                running.put(entry, process);
                if (POSTGRES.equals(entry.name())) {
                  signal(process.pid(), "INT");
                } else {
                  process.destroy();
                }
              });
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (running.values().stream().anyMatch(ProcessHandle::isAlive)
        && System.nanoTime() < deadline
        && !Thread.currentThread().isInterrupted()) {
      sleep(100);
    }
    List<Entry> killed = new ArrayList<>();
    running.forEach(
        (entry, process) -> {
          if (process.isAlive()) {
            process.destroyForcibly();
            killed.add(entry);
          }
        });
    return new Outcome(List.copyOf(running.keySet()), killed);
  }

  record Outcome(List<Entry> running, List<Entry> killed) {}

  private static void signal(long pid, String signal) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (IOException e) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The pid in a PostgreSQL data directory's {@code postmaster.pid}. pg_ctl starts the postmaster
   * in a session of its own, so it is no child of the launcher and is found here instead. The same
   * as {@code LocalPostgres.postmasterPid}, written again because the reaper runs with the JDK
   * alone on its class path.
   */
  static Optional<Long> postmasterPid(Path dataDirectory) {
    try {
      Path file = dataDirectory.resolve("postmaster.pid");
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      String first = Files.readAllLines(file).stream().findFirst().orElse("").trim();
      return first.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(first));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Waits until {@code process} has exited or {@code timeout} passed; true if it exited. */
  static boolean awaitExit(ProcessHandle process, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (process.isAlive()
        && System.nanoTime() < deadline
        && !Thread.currentThread().isInterrupted()) {
      sleep(100);
    }
    return !process.isAlive();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
