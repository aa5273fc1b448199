package dev.agentruntime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.testkit.PrometheusText;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged application: CDI wiring, configuration, start-up, readiness and metrics. */
@QuarkusTest
@QuarkusTestResource(value = WorkerServicesResource.class, restrictToAnnotatedClass = true)
class WorkerApplicationTest {

  @Inject WorkflowClient client;

  @TestHTTPResource("/q/health/ready")
  URI readiness;

  @TestHTTPResource("/q/metrics")
  URI metrics;

  @Test
  void reportsReadyWhenDatabaseAndTemporalWorkerAreUp() throws Exception {
    HttpResponse<String> response = get(readiness);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("temporal-worker").contains("\"UP\"");
  }

  @Test
  void executesARunStartedOnTheTaskQueue() {
    TestInfrastructure infra = TestInfrastructure.get();
    RunWorkflowInput run = infra.seedRun(TestSpecs.demo(), "{\"message\": \"hello worker\"}");

    RunOutcome outcome = execute(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(infra.runRow(run)).containsEntry("status", "succeeded");
  }

  /**
   * The demo model calls write_artifact, then answers: two model calls, one tool call, one run
   * finished; the Temporal SDK's own poll and activity metrics are in the same scrape.
   */
  @Test
  void metricsShowTheRunItsModelAndToolCallsAndTheTemporalWorker() throws Exception {
    TestInfrastructure infra = TestInfrastructure.get();
    RunWorkflowInput run = infra.seedRun(TestSpecs.demo(), "{\"message\": \"count me\"}");

    assertThat(execute(run).status()).isEqualTo(RunStatus.SUCCEEDED);

    Map<String, String> demo = Map.of("provider", "demo", "model", "none");
    // The SDK hands its metrics over on the scope's report interval (200 ms in tests).
    PrometheusText scraped =
        scrapeUntil(m -> m.has("temporal_activity_execution_latency_seconds_count"));
    assertThat(
            scraped.sum(
                "agent_runtime_runs_finished_total",
                Map.of("tenant", run.tenantId(), "status", "succeeded")))
        .isEqualTo(1.0);
    assertThat(scraped.sum("agent_runtime_model_calls_total", withOutcome(demo, "completed")))
        .isGreaterThanOrEqualTo(2.0);
    assertThat(scraped.sum("agent_runtime_model_call_seconds_count", demo))
        .isGreaterThanOrEqualTo(2.0);
    assertThat(scraped.has("agent_runtime_model_call_seconds_bucket")).isTrue();
    assertThat(scraped.sum("agent_runtime_model_tokens_total", demo)).isPositive();
    assertThat(
            scraped.sum(
                "agent_runtime_tool_calls_total",
                Map.of("kind", "write_artifact", "outcome", "completed")))
        .isGreaterThanOrEqualTo(1.0);
    assertThat(
            scraped.sum(
                "temporal_workflow_task_queue_poll_succeed_total",
                Map.of("task_queue", RunWorkflows.TASK_QUEUE)))
        .isGreaterThanOrEqualTo(1.0);
    assertThat(
            scraped.sum(
                "temporal_activity_execution_latency_seconds_count",
                Map.of("activity_type", "CallModel")))
        .isGreaterThanOrEqualTo(2.0);
  }

  private RunOutcome execute(RunWorkflowInput run) {
    AgentRunWorkflow workflow =
        client.newWorkflowStub(
            AgentRunWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(RunWorkflows.TASK_QUEUE)
                .setWorkflowId(RunHarness.workflowId(run))
                .build());
    return workflow.run(run);
  }

  private static Map<String, String> withOutcome(Map<String, String> labels, String outcome) {
    var out = new java.util.HashMap<>(labels);
    out.put("outcome", outcome);
    return out;
  }

  private PrometheusText scrapeUntil(java.util.function.Predicate<PrometheusText> ready)
      throws Exception {
    long giveUpAt = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (true) {
      HttpResponse<String> response = get(metrics);
      assertThat(response.statusCode()).isEqualTo(200);
      PrometheusText scraped = new PrometheusText(response.body());
      if (ready.test(scraped) || System.nanoTime() > giveUpAt) {
        return scraped;
      }
      Thread.sleep(100);
    }
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
