package dev.agentruntime.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a batch of runs, by process group (Temporal server, API,
 * worker, PostgreSQL, Redis, this JVM, anything else), from the kernel's per-process counters
 * ({@code /proc/<pid>/stat} user + system time) read before and after. On a 2-core machine the
 * concurrent runs are CPU-bound, so this is what explains their time: it is the profile behind the
 * step-overhead ratio.
 */
final class CpuAccount {

  /** The groups in report order; "other" is every process the bench did not start. */
  static final List<String> GROUPS =
      List.of(
          "Temporal server",
          "API",
          "worker",
          "PostgreSQL",
          "Redis",
          "bench JVM (bare worker, s3proxy, fake model, DBOS)",
          "other");

  /**
   * CPU time per group, and per thread kind of the worker (thread names with their numbers
   * dropped), in clock ticks, at one moment.
   */
  record Snapshot(Map<String, Long> ticks, Map<String, Long> workerThreads) {

    /** Milliseconds of CPU per group since {@code before}. */
    Map<String, Double> millisSince(Snapshot before) {
      Map<String, Double> ms = new LinkedHashMap<>();
      for (String group : GROUPS) {
        ms.put(group, millis(ticks, before.ticks, group));
      }
      return ms;
    }

    /** Milliseconds of CPU per worker thread kind since {@code before}, largest first. */
    Map<String, Double> workerThreadMillisSince(Snapshot before) {
      Map<String, Double> ms = new LinkedHashMap<>();
      workerThreads.keySet().stream()
          .sorted(
              (a, b) ->
                  Double.compare(
                      millis(workerThreads, before.workerThreads, b),
                      millis(workerThreads, before.workerThreads, a)))
          .forEach(kind -> ms.put(kind, millis(workerThreads, before.workerThreads, kind)));
      return ms;
    }

    private static double millis(Map<String, Long> now, Map<String, Long> then, String key) {
      long delta = now.getOrDefault(key, 0L) - then.getOrDefault(key, 0L);
      return Math.max(0, delta) * 1000.0 / TICKS_PER_SECOND;
    }
  }

  /** USER_HZ: 100 on every Linux this runs on (glibc's sysconf(_SC_CLK_TCK)). */
  static final int TICKS_PER_SECOND = 100;

  private final long self = ProcessHandle.current().pid();
  private final String apiApp;
  private final String workerApp;

  CpuAccount(Path apiApp, Path workerApp) {
    this.apiApp = apiApp.toString();
    this.workerApp = workerApp.toString();
  }

  Snapshot take() {
    Map<String, Long> ticks = new LinkedHashMap<>();
    Map<String, Long> workerThreads = new LinkedHashMap<>();
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      all.forEach(
          process -> {
            long used = ticksOf(process.pid());
            if (used > 0) {
              String group = groupOf(process);
              ticks.merge(group, used, Long::sum);
              if (group.equals("worker")) {
                addThreads(process.pid(), workerThreads);
              }
            }
          });
    }
    return new Snapshot(ticks, workerThreads);
  }

  /**
   * Per thread of {@code pid}: its name with its numbers as N (the kernel keeps 15 characters), so
   * a pool's threads add up; "C1 CompilerThre" and "C2 CompilerThre" stay apart.
   */
  private static void addThreads(long pid, Map<String, Long> into) {
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      tasks.forEach(
          task -> {
            try {
              String stat = Files.readString(task.resolve("stat"));
              String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
              into.merge(
                  name.replaceAll("(?<=[-_ =])[0-9]+|[0-9]+$", "N").strip(),
                  parseTicks(stat),
                  Long::sum);
            } catch (IOException | RuntimeException gone) {
              // a thread that ended meanwhile
            }
          });
    } catch (IOException gone) {
      // the process ended
    }
  }

  String groupOf(ProcessHandle process) {
    if (process.pid() == self) {
      return GROUPS.get(5);
    }
    String command = process.info().commandLine().orElse("");
    if (command.contains(apiApp)) {
      return "API";
    }
    if (command.contains(workerApp)) {
      return "worker";
    }
    if (command.contains("temporal") && command.contains("server")) {
      return "Temporal server";
    }
    if (command.contains("postgres")) {
      return "PostgreSQL";
    }
    if (command.contains("redis")) {
      return "Redis";
    }
    return "other";
  }

  /** utime + stime of a live process; 0 when it is gone or unreadable. */
  static long ticksOf(long pid) {
    try {
      return parseTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /** Fields 14 and 15 of {@code /proc/<pid>/stat}, counted after the command's closing paren. */
  static long parseTicks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
