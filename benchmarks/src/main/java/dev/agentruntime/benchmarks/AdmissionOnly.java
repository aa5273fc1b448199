package dev.agentruntime.benchmarks;

import dev.agentruntime.core.workflow.RunWorkflows;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * {@code scripts/bench.sh --only admission}: the admission phase alone (a few minutes), on a stack
 * of its own ({@link OwnStack}), for profiling the API under that load (JVM options reach the API
 * through {@code JDK_JAVA_OPTIONS}, e.g. a JFR recording). It prints section 1 and writes it to
 * {@code admission.md} in the bench home; docs/benchmarks.md is left as it is, because a report of
 * one phase is not the full benchmark.
 */
final class AdmissionOnly {

  private AdmissionOnly() {}

  static void run(BenchOptions options, PrintStream log) throws Exception {
    String loadAtStart = BenchMain.loadAverage();
    AdmissionBench.Result result =
        OwnStack.run(options, "bench", log, parts -> measure(parts, options, log));
    String section = new AdmissionSection(Map.of(BenchServer.Kind.DEV.title, result)).markdown();
    log.println(section);
    log.println("load average at start → end: " + loadAtStart + " → " + BenchMain.loadAverage());
    Files.writeString(options.home().resolve("admission.md"), section);
  }

  /** Section 1's measurement, with the worker stopped: the API admits, nothing runs. */
  private static AdmissionBench.Result measure(
      OwnStack.Parts parts, BenchOptions options, PrintStream log) throws Exception {
    BenchApi api = parts.api();
    WorkflowClient client = parts.client();
    // No model is ever called: the worker is stopped before any run starts.
    api.createAgent("admission", "http://127.0.0.1:9/v1");
    parts.stack().worker().stop(Duration.ofSeconds(20));
    AdmissionBench bench =
        new AdmissionBench(
            api, client, "admission", new CpuAccount(options.apiApp(), options.workerApp()), log);
    AdmissionBench.Result measured =
        bench.run(
            options.clients(),
            options.requests(),
            options.admissionWarmup(),
            options.admissionRounds());
    // Every 202 must have a workflow behind it: terminating counts the ones that exist.
    log.println("admission: terminated " + bench.terminateStarted(8) + " started workflows");
    // What the API's start options cost the server alone: the bare start with them added.
    ClosedLoop.Result withOptions =
        ClosedLoop.run(options.clients(), options.requests(), i -> startLikeApi(client, i));
    log.printf(
        "bare start with the API's search attributes and id policies: %.0f/s (p50 %.1f ms,"
            + " p99 %.1f ms, errors %d)%n",
        withOptions.perSecond(),
        withOptions.stats().p50Ms(),
        withOptions.stats().p99Ms(),
        withOptions.errors());
    return measured;
  }

  private static void startLikeApi(WorkflowClient client, int index) {
    client
        .newUntypedWorkflowStub(
            BareWorkflows.ADMISSION_WORKFLOW_TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId("bench-admission-options-" + UUID.randomUUID())
                .setTaskQueue(BareWorkflows.ADMISSION_TASK_QUEUE)
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(RunWorkflows.TENANT, "bench")
                        .set(RunWorkflows.AGENT, "admission")
                        .set(RunWorkflows.AGENT_VERSION, 1L)
                        .build())
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build())
        .start("admission " + index);
  }
}
