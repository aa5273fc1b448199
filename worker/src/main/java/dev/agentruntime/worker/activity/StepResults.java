package dev.agentruntime.worker.activity;

import dev.agentruntime.core.activity.ModelStepResult;
import dev.agentruntime.core.activity.ToolCallRef;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import java.util.ArrayList;
import java.util.List;

/** What the workflow learns of a step's answer, model or agent alike: where it is and what next. */
final class StepResults {

  private StepResults() {}

  /**
   * @param transcriptSha256 what the attempt wrote at {@code transcriptKey}; {@code null} when it
   *     wrote nothing (a retry that reused a recorded answer)
   */
  static ModelStepResult of(
      String transcriptKey, AiMessage answer, long tokens, String transcriptSha256) {
    List<ToolCallRef> calls = new ArrayList<>();
    List<ToolExecutionRequest> requests =
        answer == null ? List.of() : answer.toolExecutionRequests();
    for (int i = 0; i < requests.size(); i++) {
      calls.add(new ToolCallRef(i, requests.get(i).id(), requests.get(i).name()));
    }
    return new ModelStepResult(transcriptKey, calls, calls.isEmpty(), tokens, transcriptSha256);
  }
}
