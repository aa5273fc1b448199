package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentruntime.client.RunStatuses;
import dev.agentruntime.client.model.AgentSpec;
import dev.agentruntime.client.model.CreateRunRequest;
import dev.agentruntime.client.model.PublishVersionRequest;
import dev.agentruntime.client.model.PutAliasRequest;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/api.md#aliases on the real stack: moving an alias while 50 runs that named it are in flight
 * changes none of them. Each run executes the version it resolved to at admission (the model sees
 * that version's instructions), and runs admitted after the move take the new one.
 */
@ExtendWith(E2EStack.class)
class AliasMoveIT {

  private static final int IN_FLIGHT = 50;

  @Test
  void movingAnAliasDuringFiftyRunsInFlightChangesNoneOfThem() throws Exception {
    E2ETenant api = E2ETenant.newTenant(E2EStack.stack());
    FakeOpenAiServer model = E2EStack.model();
    String modelUrl = model.baseUrl();
    UUID agentId = UUID.fromString(api.createAgent("aliased", spec(modelUrl, "Version one.")));
    E2ETenant.call(
        () ->
            api.client()
                .agents()
                .publishVersion(
                    agentId, new PublishVersionRequest().spec(spec(modelUrl, "Version two."))));
    E2ETenant.call(
        () ->
            api.client()
                .agents()
                .putAlias("prod", agentId, new PutAliasRequest().version(1), null));

    // Every model call of these runs waits, so all of them are in flight when the alias moves.
    String marker = "alias-move-" + UUID.randomUUID();
    model.holdCallsContaining(marker);
    List<String> before;
    try {
      before =
          IntStream.range(0, IN_FLIGHT)
              .mapToObj(i -> CompletableFuture.supplyAsync(() -> start(api, marker + " " + i)))
              .toList()
              .stream()
              .map(CompletableFuture::join)
              .toList();
      assertThat(model.awaitHeld(Duration.ofSeconds(60))).as("a run reached the model").isTrue();

      E2ETenant.call(
          () ->
              api.client()
                  .agents()
                  .putAlias(
                      "prod", agentId, new PutAliasRequest().version(2).canary(null), "\"1\""));
      for (String runId : before) {
        assertThat(RunStatuses.TERMINAL).doesNotContain(api.status(runId));
      }
    } finally {
      model.release();
    }
    List<String> after = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      after.add(start(api, "after the move " + i));
    }

    for (String runId : before) {
      RunResponse run = api.awaitEnd(runId, Duration.ofSeconds(180));
      assertThat(run.getStatus().getValue()).as(runId).isEqualTo("succeeded");
      assertThat(run.getAgentVersion()).as(runId).isEqualTo(1);
      assertThat(run.getAlias()).isEqualTo("prod");
      assertThat(instructionsSeenBy(model, run)).containsOnly("Version one.");
    }
    for (String runId : after) {
      RunResponse run = api.awaitEnd(runId, Duration.ofSeconds(120));
      assertThat(run.getStatus().getValue()).isEqualTo("succeeded");
      assertThat(run.getAgentVersion()).isEqualTo(2);
      assertThat(instructionsSeenBy(model, run)).containsOnly("Version two.");
    }
    // The move, with its actor, is the alias's history.
    assertThat(E2ETenant.call(() -> api.client().agents().getAliasHistory(agentId, "prod", null)))
        .extracting(change -> change.getVersion())
        .containsExactly(2, 1);
  }

  /** The instructions of the version {@code canary} is not: a spec that tells versions apart. */
  private static AgentSpec spec(String modelUrl, String version) {
    AgentSpec spec = E2ETenant.notesSpec(modelUrl, false);
    return spec.instructions(version + " " + spec.getInstructions());
  }

  private static String start(E2ETenant api, String message) {
    CreateRunRequest request =
        new CreateRunRequest()
            .agentName("aliased")
            .alias("prod")
            .input(JsonNodeFactory.instance.objectNode().put("message", message));
    RunResponse accepted = E2ETenant.call(() -> api.client().runs().startRun(request, null));
    return accepted.getId().toString();
  }

  /** Which version's instructions the model was sent in the run's calls. */
  private static List<String> instructionsSeenBy(FakeOpenAiServer model, RunResponse run) {
    return model.calls().stream()
        .filter(c -> c.idempotencyKey() != null)
        .filter(c -> c.idempotencyKey().startsWith(run.getWorkflowId() + "/"))
        .map(c -> c.request().toString().contains("Version one.") ? "Version one." : "Version two.")
        .distinct()
        .toList();
  }
}
