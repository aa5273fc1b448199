package dev.agentruntime.benchmarks;

import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import dev.agentruntime.standalone.Directories;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.testkit.FakeOpenAiServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark harness ({@code scripts/bench.sh}). In one run, on one real Temporal dev server
 * (fresh SQLite database), it measures side by side:
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

  /** Everything measured, for the report. */
  record Results(
      BenchOptions options,
      Instant started,
      Duration took,
      String temporalTarget,
      String postgresDurability,
      String peer,
      AdmissionBench.Result admission,
      List<StepBench.Result> steps,
      StandaloneBench.Memory benchStackMemory,
      StandaloneBench.Result standalone,
      SseBench.Result sse,
      String loadAtStart,
      String loadAtEnd) {}

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
    Directories.deleteRecursively(home.resolve("temporal"));
    Directories.deleteRecursively(home.resolve("stack"));
    Directories.deleteRecursively(home.resolve("standalone"));

    AdmissionBench.Result admission;
    List<StepBench.Result> stepResults = new ArrayList<>();
    StandaloneBench.Memory benchStackMemory;
    SseBench.Result sse = null;
    String temporalTarget;
    String postgresDurability;
    String peerDescription = null;
    DbosPeer peer = null;
    List<FakeOpenAiServer> models = new ArrayList<>();
    TemporalDevServer temporal = null;
    Stack stack = null;
    WorkflowServiceStubs stubs = null;
    WorkerFactory factory = null;
    try {
      temporal = TemporalDevServer.start(home.resolve("temporal"), Ports.free(), Ports.free());
      temporalTarget = temporal.target();
      log.println("Temporal dev server (fresh SQLite) at " + temporalTarget);
      stack = Stack.start(BenchStack.settings(options, temporalTarget));
      log.println("stack up: API " + stack.apiUrl());
      postgresDurability = durableCommits(stack);
      log.println("PostgreSQL: " + postgresDurability);

      stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      factory = BareWorkflows.startStepsWorker(client);

      String tenant = "bench";
      BenchApi api =
          new BenchApi(stack.apiUrl(), stack.tokens().tenantAdmin(tenant, Duration.ofHours(2)));
      api.createTenant(tenant, stack.tokens().platformAdmin(Duration.ofMinutes(10)));
      FakeOpenAiServer admissionModel = FakeOpenAiServer.start();
      models.add(admissionModel);
      api.createAgent("admission", admissionModel.baseUrl());
      for (int n : options.steps()) {
        FakeOpenAiServer model = FakeOpenAiServer.start().latency(Duration.ZERO).toolRounds(n - 1);
        models.add(model);
        api.createAgent("steps" + n, model.baseUrl());
      }

      // Phase 1. The agent worker is stopped, so no run executes while admission is measured; the
      // started workflows are terminated before a new worker starts.
      log.println("admission: stopping the agent worker");
      stack.worker().stop(Duration.ofSeconds(20));
      AdmissionBench admissionBench =
          new AdmissionBench(
              api, client, "admission", new CpuAccount(options.apiApp(), options.workerApp()), log);
      admission =
          admissionBench.run(
              options.clients(),
              options.requests(),
              options.admissionWarmup(),
              options.admissionRounds());
      int terminated = admissionBench.terminateStarted(8);
      log.println("admission: terminated " + terminated + " workflows; starting a new worker");
      stack.startNewWorker();

      // Phase 2. DBOS is launched only for it: its background work stays out of the other phases.
      if (options.peer()) {
        peer = DbosPeer.onServerOf(stack);
        peerDescription = peer.description("the stack's PostgreSQL server");
        log.println("peer: " + peerDescription);
      }
      StepBench stepBench =
          new StepBench(
              api, client, peer, new CpuAccount(options.apiApp(), options.workerApp()), log);
      for (int n : options.steps()) {
        stepResults.add(
            stepBench.run(
                "steps" + n,
                n,
                options.sequentialRuns(),
                options.concurrentRuns(),
                options.stepWarmup(),
                options.concurrentWarmup()));
      }
      benchStackMemory =
          new StandaloneBench.Memory(
              ProcessMemory.rssMiB(ProcessHandle.current().pid()),
              ProcessMemory.rssMiB(stack.api().pid()),
              ProcessMemory.rssMiB(stack.worker().pid()),
              0);
      if (peer != null) {
        peer.close();
        peer = null;
      }

      // Phase 4 (reported as section 4), on the same API; it stops the agent worker.
      if (options.sseStreams() > 0) {
        sse = SseOnly.measure(stack, options, log);
      }
    } finally {
      if (peer != null) {
        peer.close();
      }
      if (factory != null) {
        factory.shutdownNow();
      }
      if (stubs != null) {
        stubs.shutdownNow();
      }
      if (stack != null) {
        stack.close();
      }
      if (temporal != null) {
        temporal.close();
      }
      models.forEach(FakeOpenAiServer::close);
    }

    // Phase 3, after the first stack is gone, so that it has the machine to itself.
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
            temporalTarget,
            postgresDurability,
            peerDescription,
            admission,
            stepResults,
            benchStackMemory,
            standalone,
            sse,
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
