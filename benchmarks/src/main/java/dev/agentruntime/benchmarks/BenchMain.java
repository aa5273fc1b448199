package dev.agentruntime.benchmarks;

import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.standalone.Directories;
import dev.agentruntime.standalone.Stack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness ({@code scripts/bench.sh}). In one run it measures phases 1 and 2 once per
 * Temporal server ({@link ServerPass}, {@link BenchServer}: the CLI dev server on a fresh SQLite
 * file, then the production server on a fresh durable PostgreSQL that the stack and the DBOS peer
 * share), each beside its bare baseline on the same server, then the step phase on the production
 * server with activity eager execution on; then phases 3 and 4:
 *
 * <ol>
 *   <li>admission: {@code POST /v1/runs} through the packaged API against a bare {@code
 *       WorkflowClient.start} loop;
 *   <li>step overhead: N-step agent runs against bare workflows of no-op activities and a peer's
 *       DBOS workflow of no-op durable steps on the stack's PostgreSQL server ({@link DbosPeer});
 *   <li>the standalone launcher's start time and the RSS of its processes;
 *   <li>live events: delivery latency and API memory with 200 SSE streams ({@link SseBench}; alone
 *       with {@code --only sse}).
 * </ol>
 *
 * <p>{@code --only admission} runs phase 1 alone ({@link AdmissionOnly}), {@code --only steps}
 * phase 2 ({@link StepsOnly}), for profiling.
 *
 * <p>{@code --only agent-turns} runs {@link AgentTurnsOnly} instead: the HTTP agent runtime's turn
 * against the built-in loop's model call, into a document of its own; {@code --only child-runs}
 * runs {@link ChildRunsOnly}: a child run against a tool call of the same shape, likewise into a
 * document of its own; {@code --only peer} runs {@link PeerOnly}: the DBOS figures alone, printed.
 *
 * <p>Writes the figures as Markdown (default {@code docs/benchmarks.md}). Options: see {@link
 * BenchOptions#parse}.
 */
public final class BenchMain {

  /**
   * Everything measured, for the report. {@code passes}: sections 1 and 2 on each server, in the
   * order run; a pass with a changed server setting (activity eager execution) measured the step
   * phase alone.
   */
  record Results(
      BenchOptions options,
      Instant started,
      Duration took,
      List<ServerPass.Result> passes,
      String serverVersion,
      StandaloneBench.Result standalone,
      SseBench.Result sse,
      String loadAtStart,
      String loadAtEnd) {

    /** The passes that measured admission and steps, one per server. */
    List<ServerPass.Result> mainPasses() {
      return passes.stream().filter(p -> p.admission() != null).toList();
    }

    /** The pass the report's stack facts come from (memory, durability): the first. */
    ServerPass.Result first() {
      return passes.get(0);
    }

    /** The peer, as the pass that measured it describes it; null if none did. */
    String peer() {
      return passes.stream()
          .map(ServerPass.Result::peer)
          .filter(p -> p != null)
          .findFirst()
          .orElse(null);
    }
  }

  /** The server's dynamic config for activity eager execution {@code on} or {@code off}. */
  static Map<String, Object> eagerConfig(String value) {
    if (!value.equals("on") && !value.equals("off")) {
      throw new IllegalArgumentException("--eager-execution takes on and off, got " + value);
    }
    return Map.of(EAGER_EXECUTION, value.equals("on"));
  }

  /** The server's dynamic config key (go.temporal.io/server common/dynamicconfig/constants.go). */
  static final String EAGER_EXECUTION = "system.enableActivityEagerExecution";

  private BenchMain() {}

  public static void main(String[] args) {
    int status = 0;
    try {
      run(BenchOptions.parse(args));
    } catch (Throwable e) {
      System.err.println("benchmark failed: " + e);
      e.printStackTrace();
      status = 1;
    }
    // Embedded servers and client threads would otherwise keep the JVM alive.
    System.exit(status);
  }

  private static void run(BenchOptions options) throws Exception {
    PrintStream log = System.out;
    if (options.only().equals("sse")) {
      SseOnly.run(options, log);
      return;
    }
    if (options.only().equals("agent-turns")) {
      AgentTurnsOnly.run(options, log);
      return;
    }
    if (options.only().equals("child-runs")) {
      ChildRunsOnly.run(options, log);
      return;
    }
    if (options.only().equals("fairness")) {
      FairnessOnly.run(options, log);
      return;
    }
    if (options.only().equals("peer")) {
      PeerOnly.run(options, log);
      return;
    }
    if (options.only().equals("admission")) {
      AdmissionOnly.run(options, log);
      return;
    }
    if (options.only().equals("steps")) {
      StepsOnly.run(options, log);
      return;
    }
    if (!options.only().equals("all")) {
      throw new IllegalArgumentException(
          "--only takes all, sse, agent-turns, child-runs, fairness, peer, admission or steps,"
              + " got "
              + options.only());
    }
    Instant started = Instant.now();
    String loadAtStart = loadAverage();
    long t0 = System.nanoTime();
    Path home = options.home();
    Directories.deleteRecursively(home.resolve("standalone"));

    List<ServerPass.Result> passes = new ArrayList<>();
    SseBench.Result[] sse = new SseBench.Result[1];
    boolean peerOnPostgres = options.servers().contains(BenchServer.Kind.POSTGRES.option);
    for (String name : options.servers()) {
      BenchServer.Kind kind = BenchServer.Kind.of(name);
      boolean postgres = kind == BenchServer.Kind.POSTGRES;
      String eager = postgres ? options.eagerExecution().get(0) : "off";
      // The DBOS peer on the production server's PostgreSQL when there is one: the floor of a
      // durable step on the same database server.
      boolean peer = options.peer() && (postgres || !peerOnPostgres);
      // Section 4 on the first pass's stack, after its step phase (it stops the agent worker).
      ServerPass.After after =
          passes.isEmpty() && options.sseStreams() > 0
              ? stack -> sse[0] = SseOnly.measure(stack, options, log)
              : null;
      passes.add(
          ServerPass.run(
              options,
              kind,
              postgres ? "activity eager execution " + eager : "",
              postgres ? eagerConfig(eager) : Map.of(),
              new ServerPass.Plan(true, options.steps(), peer),
              log,
              after));
      if (postgres) {
        // Each further setting: the step phase alone, at the smallest step count.
        for (String other : options.eagerExecution().subList(1, options.eagerExecution().size())) {
          passes.add(
              ServerPass.run(
                  options,
                  kind,
                  "activity eager execution " + other,
                  eagerConfig(other),
                  new ServerPass.Plan(false, List.of(options.steps().get(0)), false),
                  log,
                  null));
        }
      }
    }

    // Phase 3, after the stacks are gone, so that it has the machine to itself.
    StandaloneBench.Result standalone = null;
    if (options.standalone()) {
      standalone =
          new StandaloneBench(
                  options.launcherJar(),
                  options.apiApp(),
                  options.workerApp(),
                  home.resolve("standalone"),
                  log)
              .run(options.rssRuns(), 5, 5);
    }

    Results results =
        new Results(
            options,
            started,
            Duration.ofNanos(System.nanoTime() - t0),
            passes,
            BenchServer.productionServerVersion(),
            standalone,
            sse[0],
            loadAtStart,
            loadAverage());
    String markdown = new Report(results, Machine.current()).markdown();
    if (options.output().getParent() != null) {
      Files.createDirectories(options.output().getParent());
    }
    Files.writeString(options.output(), markdown);
    log.println("wrote " + options.output() + " (bench took " + results.took().toSeconds() + " s)");
  }

  /**
   * The figures measure durable commits: the stack's PostgreSQL must run with fsync and synchronous
   * commit on, as a production one does, and says so itself ({@code SHOW}).
   */
  static String durableCommits(Stack stack) {
    var infra = stack.infrastructure();
    String fsync =
        LocalPostgres.setting(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword(), "fsync");
    String synchronousCommit =
        LocalPostgres.setting(
            infra.jdbcUrl(), infra.dbUser(), infra.dbPassword(), "synchronous_commit");
    if (!"on".equals(fsync) || !"on".equals(synchronousCommit)) {
      throw new IllegalStateException(
          "PostgreSQL runs with fsync="
              + fsync
              + ", synchronous_commit="
              + synchronousCommit
              + ": the figures would not include the cost of a durable commit");
    }
    return "fsync=on, synchronous_commit=on (SHOW on the stack's database)";
  }

  /** The 1, 5 and 15 minute load averages of {@code /proc/loadavg}. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
