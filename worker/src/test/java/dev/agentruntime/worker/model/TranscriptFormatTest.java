package dev.agentruntime.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON the worker stores transcripts and tool results in, as the API reads it without
 * LangChain4j (api: {@code dev.agentruntime.api.run.transcript.TranscriptMessages}, whose tests use
 * this very text). A LangChain4j upgrade that changes it fails here, before the API misreads runs.
 */
class TranscriptFormatTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final ToolExecutionRequest CALCULATOR =
      ToolExecutionRequest.builder()
          .id("call_1")
          .name("calculator")
          .arguments("{\"expression\": \"6*7\"}")
          .build();

  private static final ToolExecutionRequest WRITE =
      ToolExecutionRequest.builder()
          .id("call_2")
          .name("write_artifact")
          .arguments("{\"name\":\"notes\"}")
          .build();

  @Test
  void aTranscriptIsAListOfMessagesEachWithItsType() throws Exception {
    List<ChatMessage> transcript =
        List.of(
            SystemMessage.from("Be helpful."),
            UserMessage.from("What is 6*7?"),
            AiMessage.from(List.of(CALCULATOR, WRITE)),
            AiMessage.from("6*7 is 42."));

    assertThat(JSON.readTree(ChatMessageSerializer.messagesToJson(transcript)))
        .isEqualTo(
            JSON.readTree(
                "["
                    + "{\"text\":\"Be helpful.\",\"type\":\"SYSTEM\"},"
                    + "{\"contents\":[{\"text\":\"What is 6*7?\",\"type\":\"TEXT\"}],\"type\":\"USER\"},"
                    + "{\"toolExecutionRequests\":["
                    + "{\"id\":\"call_1\",\"name\":\"calculator\",\"arguments\":\"{\\\"expression\\\": \\\"6*7\\\"}\"},"
                    + "{\"id\":\"call_2\",\"name\":\"write_artifact\",\"arguments\":\"{\\\"name\\\":\\\"notes\\\"}\"}"
                    + "],\"attributes\":{},\"type\":\"AI\"},"
                    + "{\"text\":\"6*7 is 42.\",\"toolExecutionRequests\":[],\"attributes\":{},\"type\":\"AI\"}"
                    + "]"));
  }

  @Test
  void aToolResultIsOneMessageWithItsCallsIdAndWhetherItFailed() throws Exception {
    JsonNode ok =
        JSON.readTree(
            ChatMessageSerializer.messageToJson(ToolExecutionResultMessage.from(CALCULATOR, "42")));
    JsonNode failed =
        JSON.readTree(
            ChatMessageSerializer.messageToJson(
                ToolExecutionResultMessage.builder()
                    .id("call_2")
                    .toolName("write_artifact")
                    .text("refused: no name")
                    .isError(true)
                    .build()));

    assertThat(ok)
        .isEqualTo(
            JSON.readTree(
                "{\"id\":\"call_1\",\"toolName\":\"calculator\",\"contents\":[{\"text\":\"42\",\"type\":\"TEXT\"}],"
                    + "\"attributes\":{},\"type\":\"TOOL_EXECUTION_RESULT\"}"));
    assertThat(failed)
        .isEqualTo(
            JSON.readTree(
                "{\"id\":\"call_2\",\"toolName\":\"write_artifact\",\"contents\":[{\"text\":\"refused: no"
                    + " name\",\"type\":\"TEXT\"}],\"isError\":true,\"attributes\":{},"
                    + "\"type\":\"TOOL_EXECUTION_RESULT\"}"));
  }
}
