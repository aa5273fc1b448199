package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.spec.RetrySpec;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.RunHarness;
import dev.agentruntime.worker.TestSpecs;
import dev.agentruntime.worker.activity.AgentTurnActivitiesImpl;
import dev.agentruntime.worker.activity.ModelActivitiesImpl;
import dev.agentruntime.worker.activity.ToolActivitiesImpl;
import dev.agentruntime.worker.agent.AgentEndpoint;
import dev.agentruntime.worker.metrics.WorkerMetrics;
import dev.agentruntime.worker.model.ChatModelFactory;
import dev.agentruntime.worker.tool.WriteArtifactTool;
import dev.agentruntime.worker.tracing.RunTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * What the worker's meters say about whole runs through the real workflow: failures by outcome,
 * refused and failed tool calls, HTTP agent turns, each counted once however often Temporal
 * retries. The application's wiring of the same meters to /q/metrics is WorkerApplicationTest's.
 */
class RunMetricsTest extends WholeRunTest {

  private static final String INPUT = "{\"message\": \"Summarize the quarterly report\"}";

  private SimpleMeterRegistry registry;

  /** A harness whose activities record into a registry of this test's own. */
  private void meteredHarness(long maxArtifactBytes) {
    harness.close();
    registry = new SimpleMeterRegistry();
    WorkerMetrics metrics = new WorkerMetrics(registry);
    harness =
        new RunHarness(
            infra.storeActivities(metrics),
            new ModelActivitiesImpl(
                infra.steps(infra.transcripts),
                infra.transcripts,
                new ChatModelFactory(infra.secrets, infra.egress),
                infra.catalog(),
                metrics,
                RunTracing.off()),
            new ToolActivitiesImpl(
                infra.steps(infra.transcripts),
                infra.events,
                infra.transcripts,
                infra.tools(infra.artifacts, maxArtifactBytes),
                metrics,
                RunTracing.off()),
            new AgentTurnActivitiesImpl(
                infra.steps(infra.transcripts),
                infra.runs,
                infra.transcripts,
                infra.objects,
                infra.secrets,
                new AgentEndpoint(infra.egress),
                infra.catalog(),
                metrics,
                RunTracing.off()),
            infra.runSlotActivities(),
            infra.tenantBudgetActivities());
  }

  @Test
  void retriedModelFailuresCountEachAttemptAndAnsweredCallsCountOnce() throws Exception {
    meteredHarness(WriteArtifactTool.DEFAULT_MAX_ARTIFACT_BYTES);
    RunWorkflowInput run = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);
    model.failNext(2, 500);

    assertThat(harness.run(run).status()).isEqualTo(RunStatus.SUCCEEDED);

    assertThat(modelCalls("unavailable")).isEqualTo(2.0);
    assertThat(modelCalls("completed")).isEqualTo(2.0);
    Timer latency =
        registry
            .get("agent_runtime.model.call")
            .tags("provider", "openai", "model", "gpt-test")
            .timer();
    assertThat(latency.count()).isEqualTo(2);
    // The fake reports 10 prompt and 5 completion tokens per call, counted once per answer.
    assertThat(tokens(run, "input")).isEqualTo(20.0);
    assertThat(tokens(run, "output")).isEqualTo(10.0);
    assertThat(toolCalls("write_artifact", "completed")).isEqualTo(1.0);
    assertThat(runsFinished(run, "succeeded")).isEqualTo(1.0);
  }

  @Test
  void aModelRefusingTheRequestCountsAsAClientErrorAndFailsTheRun() throws Exception {
    meteredHarness(WriteArtifactTool.DEFAULT_MAX_ARTIFACT_BYTES);
    RunWorkflowInput run = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);
    model.failNext(1, 401);

    assertThat(harness.run(run).status()).isEqualTo(RunStatus.FAILED);

    assertThat(modelCalls("client_error")).isEqualTo(1.0);
    assertThat(registry.find("agent_runtime.model.call").timer()).isNull();
    assertThat(runsFinished(run, "failed")).isEqualTo(1.0);
  }

  @Test
  void aToolErrorTheModelReadsCountsAsFailed() throws Exception {
    meteredHarness(8); // the note is longer than 8 bytes
    RunWorkflowInput run = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);

    assertThat(harness.run(run).status()).isEqualTo(RunStatus.SUCCEEDED);

    assertThat(toolCalls("write_artifact", "failed")).isEqualTo(1.0);
    assertThat(registry.find("agent_runtime.tool.calls").tag("outcome", "completed").counter())
        .isNull();
  }

  @Test
  void aCallWhoseApprovalExpiredCountsAsRefused() throws Exception {
    meteredHarness(WriteArtifactTool.DEFAULT_MAX_ARTIFACT_BYTES);
    RunWorkflowInput run =
        infra.seedRun(TestSpecs.gated(model.baseUrl(), new LimitsSpec(null, null, 60), 1), INPUT);

    assertThat(harness.run(run).status()).isEqualTo(RunStatus.SUCCEEDED);

    assertThat(toolCalls("write_artifact", "refused")).isEqualTo(1.0);
    assertThat(runsFinished(run, "succeeded")).isEqualTo(1.0);
  }

  @Test
  void turnsOfAnAgentThatIsDownAreTimedAsUnavailable() throws Exception {
    meteredHarness(WriteArtifactTool.DEFAULT_MAX_ARTIFACT_BYTES);
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    RunWorkflowInput run =
        infra.seedRun(
            TestSpecs.httpAgent(
                "http://127.0.0.1:" + port, null, new RetrySpec(2, 100L, 1.0, 100L, 5)),
            "{\"topic\": \"nobody home\"}");

    assertThat(harness.run(run).status()).isEqualTo(RunStatus.FAILED);

    Timer turns = registry.get("agent_runtime.agent.turn").tag("outcome", "unavailable").timer();
    assertThat(turns.count()).isEqualTo(2);
    assertThat(turns.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    assertThat(registry.find("agent_runtime.model.calls").counter()).isNull();
    assertThat(runsFinished(run, "failed")).isEqualTo(1.0);
  }

  private double modelCalls(String outcome) {
    Counter counter =
        registry
            .find("agent_runtime.model.calls")
            .tags("provider", "openai", "model", "gpt-test", "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double tokens(RunWorkflowInput run, String direction) {
    Counter counter =
        registry
            .find("agent_runtime.model.tokens")
            .tags(
                "tenant",
                run.tenantId(),
                "provider",
                "openai",
                "model",
                "gpt-test",
                "direction",
                direction)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double toolCalls(String kind, String outcome) {
    Counter counter =
        registry.find("agent_runtime.tool.calls").tags("kind", kind, "outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private double runsFinished(RunWorkflowInput run, String status) {
    Counter counter =
        registry
            .find("agent_runtime.runs.finished")
            .tags("tenant", run.tenantId(), "status", status)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
