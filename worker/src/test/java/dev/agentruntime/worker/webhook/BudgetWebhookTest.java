package dev.agentruntime.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.event.ModelCallCompleted;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant budget's soft event goes to the webhooks that ask for it, through the same outbox fill
 * as run events (V14, extended by V22), in the commit of the step that crossed the threshold.
 */
class BudgetWebhookTest {

  private final WebhookFixture fixture = new WebhookFixture();

  @AfterEach
  void cleanUp() {
    fixture.close();
  }

  @Test
  void theSoftEventIsQueuedOnceForTheWebhooksThatAskForIt() {
    RunWorkflowInput run = fixture.run();
    fixture.infra.execute(
        "insert into tenant_policy (tenant_id, max_concurrent_runs, updated_by,"
            + " token_budget_period, token_budget_limit, token_budget_soft_percent)"
            + " values (?, 100, 'test', 'month', 20, 50)",
        run.tenantId());
    UUID asking = UUID.randomUUID();
    UUID notAsking = UUID.randomUUID();
    fixture.webhook(
        run.tenantId(),
        asking,
        "http://127.0.0.1:9/hook",
        RunEventTypes.TENANT_BUDGET_SOFT_EXCEEDED);
    fixture.webhook(run.tenantId(), notAsking, "http://127.0.0.1:9/hook", "run.succeeded");

    modelCall(run, 1, 8); // 8 of 20: under the threshold of 10
    assertThat(fixture.deliveries(asking)).isEmpty();
    modelCall(run, 2, 8); // 16: over it
    modelCall(run, 3, 8); // 24: over the limit too, but the soft event is once a period

    List<WebhookFixture.Row> queued = fixture.deliveries(asking);
    assertThat(queued).hasSize(1);
    assertThat(queued.get(0).type()).isEqualTo(RunEventTypes.TENANT_BUDGET_SOFT_EXCEEDED);
    assertThat(queued.get(0).runId()).isEqualTo(run.runId());
    assertThat(queued.get(0).status()).isEqualTo("pending");
    assertThat(fixture.deliveries(notAsking)).isEmpty();
  }

  private void modelCall(RunWorkflowInput run, int step, long tokens) {
    fixture.infra.events.append(
        run.tenantId(),
        run.runId(),
        "model-" + step,
        new ModelCallCompleted(
            step, 1, tokens, "key-" + step, "stop", List.of(), "openai", "gpt-test", tokens, 0L));
  }
}
