package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.spec.RetrySpec;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.embedded.LocalS3;
import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.worker.OutageProxy;
import dev.agentruntime.worker.RunHarness;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestSpecs;
import dev.agentruntime.worker.activity.ArtifactWriter;
import dev.agentruntime.worker.activity.ToolActivitiesImpl;
import dev.agentruntime.worker.model.Transcripts;
import dev.agentruntime.worker.store.ArtifactRepository;
import dev.agentruntime.worker.tool.WriteArtifactTool;
import dev.agentruntime.worker.tracing.RunTracing;
import io.minio.MinioClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An outage of the kernel's own object store in the middle of a model step does not spend the
 * agent's retry policy: with one attempt allowed, the run still succeeds once the store is back,
 * and its timeline says why it waited.
 */
class KernelOutageTest {

  /** One attempt: any failure counted against the agent's policy would fail the run. */
  private static final RetrySpec ONE_ATTEMPT = new RetrySpec(1, 100L, 1.0, 100L, 10);

  @Test
  void anObjectStoreOutageInAModelStepIsRetriedByTheKernelNotTheAgentsPolicy() throws Exception {
    TestInfrastructure infra = TestInfrastructure.get();
    AgentSpec base = TestSpecs.openAi("http://unused", new LimitsSpec(null, null, 60));
    try (FakeOpenAiServer model = FakeOpenAiServer.start();
        OutageProxy s3 = OutageProxy.to(infra.s3.port())) {
      AgentSpec spec =
          new AgentSpec(
              base.runtime(),
              TestSpecs.openAi(model.baseUrl()).model(),
              base.instructions(),
              base.tools(),
              base.limits(),
              ONE_ATTEMPT,
              null,
              null);
      ObjectStore proxied =
          new ObjectStore(
              MinioClient.builder()
                  .endpoint(s3.endpoint())
                  .region("us-east-1")
                  .credentials(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)
                  .build(),
              "agent-runtime");
      Transcripts transcripts = new Transcripts(proxied);
      ArtifactWriter artifacts =
          new ArtifactWriter(proxied, new ArtifactRepository(infra.dataSource));
      try (RunHarness harness =
          new RunHarness(
              infra.storeActivities(),
              infra.modelActivities(transcripts),
              new ToolActivitiesImpl(
                  infra.steps(transcripts),
                  infra.events,
                  transcripts,
                  infra.tools(artifacts, WriteArtifactTool.DEFAULT_MAX_ARTIFACT_BYTES),
                  infra.metrics,
                  RunTracing.off()),
              infra.runSlotActivities(),
              infra.tenantBudgetActivities())) {
        model.toolRounds(1).holdCall(1);
        RunWorkflowInput run = infra.seedRun(spec, "{\"message\": \"Take a note\"}");
        CompletableFuture<RunOutcome> outcome =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return harness.run(run);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        assertThat(model.awaitHeld(Duration.ofSeconds(20))).isTrue();
        // The model has answered the first step; the store is gone when its answer is written.
        s3.down();
        model.release();
        Thread.sleep(4_000);
        s3.up();

        RunOutcome result = outcome.get(60, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(infra.events(run))
            .anyMatch(e -> e.type().equals(RunEventTypes.KERNEL_DEPENDENCY_UNAVAILABLE))
            .noneMatch(e -> e.type().equals(RunEventTypes.MODEL_CALL_FAILED))
            .filteredOn(e -> e.type().equals(RunEventTypes.KERNEL_DEPENDENCY_UNAVAILABLE))
            .allMatch(e -> e.payload().contains("object-store"));
        // Kept for the replay test: a history with a kernel retry (a timer, the step again).
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/histories"));
        java.nio.file.Files.writeString(
            java.nio.file.Path.of("target/histories/agent-run-kernel-retry.json"),
            harness.client().fetchHistory(RunHarness.workflowId(run)).toJson(true));
      }
    }
  }
}
