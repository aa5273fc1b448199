package dev.agentruntime.api.run.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.event.AgentTurnCompleted;
import dev.agentruntime.core.run.event.AgentTurnFailed;
import dev.agentruntime.core.run.event.ModelCallCompleted;
import dev.agentruntime.core.run.event.ModelCallFailed;
import dev.agentruntime.core.run.event.RunEventJson;
import dev.agentruntime.core.run.event.RunEventPayload;
import dev.agentruntime.core.run.event.StepReused;
import dev.agentruntime.core.run.event.ToolCallCompleted;
import dev.agentruntime.core.run.event.ToolCallFailed;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Steps folded from typed events as the worker stores them (their JSON, through RunEventJson). */
class StepTimelineTest {

  private static List<RunComparisonRepository.Event> stored(RunEventPayload... payloads) {
    return Arrays.stream(payloads)
        .map(p -> new RunComparisonRepository.Event(p.type(), RunEventJson.write(p)))
        .toList();
  }

  @Test
  void aModelStepCountsItsFailedAttemptsAndListsItsToolCallsInOrder() {
    List<StepSummary> steps =
        StepTimeline.of(
            stored(
                new ModelCallFailed(1, 1, "model unavailable: 503"),
                new ModelCallFailed(1, 2, "model unavailable: 503"),
                new ModelCallCompleted(
                    1,
                    3,
                    30,
                    "k1",
                    "tool_calls",
                    List.of("save", "fetch"),
                    "openai",
                    "m",
                    20L,
                    10L),
                new ToolCallCompleted(
                    1,
                    0,
                    "save",
                    "c0",
                    new ToolCallCompleted.ArtifactWritten("a", "text/plain", 1)),
                new ToolCallFailed(1, 1, "fetch", "c1", "egress refused"),
                new ModelCallCompleted(2, 1, 12, "k2", "stop", List.of())));

    assertThat(steps).extracting(StepSummary::step).containsExactly(1, 2);
    StepSummary first = steps.get(0);
    assertThat(first.kind()).isEqualTo("model");
    assertThat(first.attempts()).isEqualTo(3);
    assertThat(first.answered()).isTrue();
    assertThat(first.tokens()).isEqualTo(30);
    assertThat(first.inputTokens()).isEqualTo(20);
    assertThat(first.outputTokens()).isEqualTo(10);
    assertThat(first.toolCalls())
        .containsExactly(
            new StepToolCall(0, "save", "completed"), new StepToolCall(1, "fetch", "failed"));
    // An event recorded before usage was split has its total only.
    assertThat(steps.get(1).inputTokens()).isNull();
    assertThat(steps.get(1).tokens()).isEqualTo(12);
  }

  @Test
  void aStepWhoseEveryAttemptFailedHasNotAnsweredAndAnAgentTurnIsOfKindAgent() {
    List<StepSummary> steps =
        StepTimeline.of(
            stored(
                new AgentTurnCompleted(1, 1, "t1", false, 40, 0, List.of("save"), null),
                new ToolCallCompleted(
                    1,
                    0,
                    "save",
                    "c0",
                    new ToolCallCompleted.ArtifactWritten("a", "text/plain", 1)),
                new AgentTurnFailed(2, 1, "agent unreachable", null),
                new AgentTurnFailed(2, 2, "agent answered 500", 500)));

    assertThat(steps.get(0).kind()).isEqualTo("agent");
    assertThat(steps.get(0).toolCalls()).extracting(StepToolCall::tool).containsExactly("save");
    assertThat(steps.get(1).kind()).isEqualTo("agent");
    assertThat(steps.get(1).answered()).isFalse();
    assertThat(steps.get(1).attempts()).isEqualTo(2);
    assertThat(steps.get(1).tokens()).isNull();
  }

  @Test
  void aStepAForkReusedIsAStepOfItsDeciderMarkedReusedWithTheSourcesToolOutcomes() {
    List<StepSummary> steps =
        StepTimeline.of(
            stored(
                new StepReused(
                    1,
                    UUID.randomUUID(),
                    "model",
                    25,
                    List.of(
                        new StepReused.ReusedToolCall(0, "save", "c0", false, null),
                        new StepReused.ReusedToolCall(1, "fetch", "c1", true, null))),
                new ModelCallCompleted(2, 1, 12, "k2", "stop", List.of())));

    StepSummary reused = steps.get(0);
    assertThat(reused.reused()).isTrue();
    assertThat(reused.kind()).isEqualTo("model");
    assertThat(reused.attempts()).isZero();
    assertThat(reused.tokens()).isEqualTo(25);
    assertThat(reused.toolCalls())
        .containsExactly(
            new StepToolCall(0, "save", "completed"), new StepToolCall(1, "fetch", "failed"));
    assertThat(steps.get(1).reused()).isFalse();
  }
}
