package dev.agentruntime.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.spec.ToolKind;
import dev.agentruntime.core.spec.ToolSpec;
import dev.agentruntime.worker.Json;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoChatModelTest {

  private final DemoChatModel model = new DemoChatModel();
  private final List<dev.langchain4j.agent.tool.ToolSpecification> tools =
      ToolSpecifications.of(
          List.of(new ToolSpec("save", ToolKind.WRITE_ARTIFACT, null, false, List.of())));

  @Test
  void firstCallWithToolsWritesANoteQuotingTheInput() {
    ChatResponse response =
        model.chat(
            ChatRequest.builder()
                .messages(SystemMessage.from("be brief"), UserMessage.from("plan the offsite"))
                .toolSpecifications(tools)
                .build());

    var call = response.aiMessage().toolExecutionRequests().getFirst();
    assertThat(call.name()).isEqualTo("save");
    var args = Json.read(call.arguments());
    assertThat(args.path("name").asText()).isEqualTo("demo-notes.md");
    assertThat(args.path("content").asText()).contains("> plan the offsite");
    assertThat(response.tokenUsage().totalTokenCount()).isPositive();
  }

  @Test
  void afterTheToolResultItAnswersLabelledAsADemo() {
    var request =
        AiMessage.from(
            dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
                .id("demo-call-1")
                .name("save")
                .arguments("{}")
                .build());
    ChatResponse response =
        model.chat(
            ChatRequest.builder()
                .messages(
                    UserMessage.from("plan the offsite"),
                    request,
                    ToolExecutionResultMessage.from("demo-call-1", "save", "saved"))
                .toolSpecifications(tools)
                .build());

    assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
    assertThat(response.aiMessage().text())
        .startsWith("[demo model — offline, not an LLM]")
        .contains("plan the offsite");
  }

  @Test
  void withoutToolsItAnswersAtOnce() {
    ChatResponse response =
        model.chat(ChatRequest.builder().messages(UserMessage.from("hello")).build());

    assertThat(response.aiMessage().text()).startsWith(DemoChatModel.LABEL);
  }
}
