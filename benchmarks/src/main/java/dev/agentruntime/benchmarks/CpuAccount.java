package dev.agentruntime.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a batch of runs, by process group (Temporal server, API,
 * worker, PostgreSQL, Redis, this JVM, anything else), from the kernel's per-process counters
 * ({@code /proc/<pid>/stat} user + system time) read before and after. On a 2-core machine the
 * concurrent runs are CPU-bound, so this is what explains their time: it is the profile behind the
 * step-overhead ratio.
 */
final class CpuAccount {

  static final String TEMPORAL = "Temporal server";

  /**
   * The PostgreSQL backends serving the Temporal server's databases ({@code temporal}, {@code
   * temporal_visibility}): the server's share of a PostgreSQL it shares with the runtime. A
   * backend's process title names its database ({@code postgres: user database host idle}).
   */
  static final String TEMPORAL_POSTGRES = "PostgreSQL: Temporal's databases";

  /** Every other PostgreSQL process: the runtime's database, DBOS's, the server's background. */
  static final String POSTGRES = "PostgreSQL";

  static final String BENCH_JVM = "bench JVM (bare worker, s3proxy, fake model, DBOS)";

  /** The groups in report order; "other" is every process the bench did not start. */
  static final List<String> GROUPS =
      List.of(TEMPORAL, TEMPORAL_POSTGRES, "API", "worker", POSTGRES, "Redis", BENCH_JVM, "other");

  /** The kernel's own processes: what the runtime adds to a Temporal deployment. */
  static final List<String> KERNEL = List.of("API", "worker", POSTGRES);

  /** The Temporal server's processes, its database's backends included. */
  static final List<String> SERVER = List.of(TEMPORAL, TEMPORAL_POSTGRES);

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
  private final Set<Integer> postgresPorts;

  CpuAccount(Path apiApp, Path workerApp) {
    this(apiApp, workerApp, Set.of());
  }

  /**
   * Counting only the bench's own processes: this JVM's descendants, and the PostgreSQL servers
   * listening on {@code postgresPorts} with their backends (a PostgreSQL server detaches from its
   * starter, so it is no descendant). Other sessions' Temporal servers and PostgreSQL servers on a
   * shared machine then count as "other", not as the bench's.
   */
  CpuAccount(Path apiApp, Path workerApp, Set<Integer> postgresPorts) {
    this.apiApp = apiApp.toString();
    this.workerApp = workerApp.toString();
    this.postgresPorts = postgresPorts;
  }

  /** The port of a {@code jdbc:postgresql://host:port/database} URL. */
  static int portOf(String jdbcUrl) {
    Matcher m = JDBC_PORT.matcher(jdbcUrl);
    if (!m.find()) {
      throw new IllegalArgumentException("no port in " + jdbcUrl);
    }
    return Integer.parseInt(m.group(1));
  }

  private static final Pattern JDBC_PORT = Pattern.compile("//[^/:]+:(\\d+)/");
  private static final Pattern POSTMASTER_PORT = Pattern.compile("/postgres -D .* -p (\\d+)( |$)");

  /** The pids counted as the bench's; null when every process is (no ports given). */
  private Set<Long> own() {
    if (postgresPorts.isEmpty()) {
      return null;
    }
    Set<Long> own = new HashSet<>();
    ProcessHandle.current().descendants().forEach(p -> own.add(p.pid()));
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      all.forEach(
          process -> {
            Matcher m = POSTMASTER_PORT.matcher(processTitle(process.pid()));
            if (m.find() && postgresPorts.contains(Integer.parseInt(m.group(1)))) {
              own.add(process.pid());
              process.descendants().forEach(p -> own.add(p.pid()));
            }
          });
    }
    return own;
  }

  Snapshot take() {
    Map<String, Long> ticks = new LinkedHashMap<>();
    Map<String, Long> workerThreads = new LinkedHashMap<>();
    Set<Long> own = own();
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      all.forEach(
          process -> {
            long used = ticksOf(process.pid());
            if (used > 0) {
              String group =
                  own == null || own.contains(process.pid()) || process.pid() == self
                      ? groupOf(process)
                      : "other";
              ticks.merge(group, used, Long::sum);
              if (group.equals("worker")) {
                addThreads(process.pid(), workerThreads);
              }
            }
          });
    }
    return new Snapshot(ticks, workerThreads);
  }

  /** The sum of {@code groups} in a map of CPU ms per group. */
  static double sum(Map<String, Double> cpuMs, List<String> groups) {
    return groups.stream().mapToDouble(g -> cpuMs.getOrDefault(g, 0.0)).sum();
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
      return BENCH_JVM;
    }
    String command = process.info().commandLine().orElse("");
    if (command.contains(apiApp)) {
      return "API";
    }
    if (command.contains(workerApp)) {
      return "worker";
    }
    String title = processTitle(process.pid());
    if (title.startsWith("postgres: ")) {
      // A backend: "postgres: user database host state"; the background workers name no database.
      String[] words = title.split(" ");
      return words.length > 2 && words[2].startsWith("temporal") ? TEMPORAL_POSTGRES : POSTGRES;
    }
    if (command.contains("temporal") && command.contains("server")) {
      return TEMPORAL;
    }
    if (command.contains("postgres")) {
      return POSTGRES;
    }
    if (command.contains("redis")) {
      return "Redis";
    }
    return "other";
  }

  /**
   * {@code /proc/<pid>/cmdline} as one line: a PostgreSQL child rewrites it to its title, which
   * {@code ProcessHandle.Info} may not show as such.
   */
  private static String processTitle(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
          .replace('\0', ' ')
          .strip();
    } catch (IOException | RuntimeException gone) {
      return "";
    }
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
