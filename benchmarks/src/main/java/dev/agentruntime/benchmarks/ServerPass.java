package dev.agentruntime.benchmarks;

import dev.agentruntime.standalone.Directories;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.testkit.FakeOpenAiServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sections 1 and 2 on one Temporal server ({@link BenchServer}): a fresh stack on it, admission
 * (the agent worker stopped) and then step overhead for each step count, each beside its bare
 * baseline on the same server; the DBOS peer beside them when asked for. The full bench runs one
 * pass per server, and one more of the step phase alone with a server setting changed.
 */
final class ServerPass {

  /** What a pass measured. {@code admission} is null when the pass measured steps only. */
  record Result(
      BenchServer.Kind server,
      String setting,
      String target,
      String postgresDurability,
      String peer,
      AdmissionBench.Result admission,
      List<StepBench.Result> steps,
      StandaloneBench.Memory stackMemory) {}

  /** What the pass does; {@code steps} are the step counts it measures. */
  record Plan(boolean admission, List<Integer> steps, boolean peer) {}

  /** A measurement on the pass's stack after the step phase (the SSE phase). */
  @FunctionalInterface
  interface After {
    void run(Stack stack) throws Exception;
  }

  private ServerPass() {}

  static Result run(
      BenchOptions options,
      BenchServer.Kind kind,
      String setting,
      Map<String, Object> dynamicConfig,
      Plan plan,
      PrintStream log,
      After after)
      throws Exception {
    Directories.deleteRecursively(options.home().resolve("stack"));
    List<FakeOpenAiServer> models = new ArrayList<>();
    DbosPeer peer = null;
    WorkflowServiceStubs stubs = null;
    WorkerFactory factory = null;
    try (BenchServer server = BenchServer.start(kind, options.home(), dynamicConfig, log);
        Stack stack = Stack.start(BenchStack.settings(options, server.external(), Map.of()))) {
      log.println("stack up on the " + kind.title + ": API " + stack.apiUrl());
      String durability = BenchMain.durableCommits(stack);
      stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.temporal.target()).build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      factory = BareWorkflows.startStepsWorker(client);
      String tenant = "bench";
      BenchApi api =
          new BenchApi(stack.apiUrl(), stack.tokens().tenantAdmin(tenant, Duration.ofHours(2)));
      api.createTenant(tenant, stack.tokens().platformAdmin(Duration.ofMinutes(10)));
      CpuAccount cpu =
          new CpuAccount(
              options.apiApp(),
              options.workerApp(),
              Set.of(CpuAccount.portOf(stack.infrastructure().jdbcUrl())));

      AdmissionBench.Result admission = null;
      if (plan.admission()) {
        // A tenant of its own: the admitted runs stay queued in the runtime's database after their
        // workflows are terminated, and a tenant's runs claim concurrency slots in admission
        // order, so in the step phase's tenant they would stand ahead of every measured run.
        BenchApi admissionApi =
            new BenchApi(
                stack.apiUrl(), stack.tokens().tenantAdmin("bench-admission", Duration.ofHours(2)));
        admissionApi.createTenant(
            "bench-admission", stack.tokens().platformAdmin(Duration.ofMinutes(10)));
        // No model is ever called: the worker is stopped before any run starts.
        admissionApi.createAgent("admission", "http://127.0.0.1:9/v1");
        log.println("admission: stopping the agent worker");
        stack.worker().stop(Duration.ofSeconds(20));
        AdmissionBench bench = new AdmissionBench(admissionApi, client, "admission", cpu, log);
        admission =
            bench.run(
                options.clients(),
                options.requests(),
                options.admissionWarmup(),
                options.admissionRounds());
        int terminated = bench.terminateStarted(16);
        log.println("admission: terminated " + terminated + " workflows; starting a new worker");
        stack.startNewWorker();
      }

      for (int n : plan.steps()) {
        FakeOpenAiServer model = FakeOpenAiServer.start().latency(Duration.ZERO).toolRounds(n - 1);
        models.add(model);
        api.createAgent("steps" + n, model.baseUrl());
      }
      // DBOS is launched only for the step phase: its background work stays out of the others.
      String peerDescription = null;
      if (plan.peer()) {
        peer = DbosPeer.onServerOf(stack);
        peerDescription =
            peer.description(
                kind == BenchServer.Kind.POSTGRES
                    ? "the PostgreSQL server the Temporal server and the stack use"
                    : "the stack's PostgreSQL server");
        log.println("peer: " + peerDescription);
      }
      StepBench stepBench = new StepBench(api, client, peer, cpu, log);
      List<StepBench.Result> steps = new ArrayList<>();
      for (int n : plan.steps()) {
        steps.add(
            stepBench.run(
                "steps" + n,
                n,
                options.sequentialRuns(),
                options.concurrentRuns(),
                options.stepWarmup(),
                options.concurrentWarmup()));
      }
      StandaloneBench.Memory memory =
          new StandaloneBench.Memory(
              ProcessMemory.rssMiB(ProcessHandle.current().pid()),
              ProcessMemory.rssMiB(stack.api().pid()),
              ProcessMemory.rssMiB(stack.worker().pid()),
              0);
      if (peer != null) {
        peer.close();
        peer = null;
      }
      if (after != null) {
        after.run(stack);
      }
      return new Result(
          kind,
          setting,
          server.temporal.target(),
          durability,
          peerDescription,
          admission,
          steps,
          memory);
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
      models.forEach(FakeOpenAiServer::close);
    }
  }
}
