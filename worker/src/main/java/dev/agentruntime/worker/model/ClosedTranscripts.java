package dev.agentruntime.worker.model;

import dev.agentruntime.core.activity.RunObjectKeys;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The transcript of a run that was stopped between a model answer and its tool results, made whole:
 * every tool call the last answer asked for is followed by its result, or by a result that says it
 * was not executed. A transcript with a dangling call is refused by model APIs, so one left that
 * way could never be continued or inspected as a valid conversation.
 */
@Singleton
public class ClosedTranscripts {

  private final Transcripts transcripts;

  public ClosedTranscripts(Transcripts transcripts) {
    this.transcripts = transcripts;
  }

  /**
   * @param transcriptKey the transcript after the model answer of {@code step}
   * @param why the text of the result given to a call that never ran
   */
  public List<ChatMessage> close(
      String tenantId, UUID runId, int step, String transcriptKey, String why) {
    List<ChatMessage> messages = new ArrayList<>(transcripts.read(transcriptKey));
    AiMessage last = Transcripts.lastAiMessage(messages);
    if (last == null || messages.get(messages.size() - 1) != last) {
      return messages;
    }
    List<ToolExecutionRequest> calls = last.toolExecutionRequests();
    for (int i = 0; i < calls.size(); i++) {
      String resultKey = RunObjectKeys.toolResult(tenantId, runId, step, i);
      messages.add(
          transcripts.exists(resultKey)
              ? transcripts.readMessage(resultKey)
              : ToolExecutionResultMessage.from(calls.get(i), "not executed: " + why));
    }
    return messages;
  }
}
