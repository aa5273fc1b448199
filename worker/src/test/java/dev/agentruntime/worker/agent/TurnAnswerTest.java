package dev.agentruntime.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.worker.Json;
import dev.langchain4j.data.message.AiMessage;
import org.junit.jupiter.api.Test;

class TurnAnswerTest {

  private static TurnAnswer parse(String json) {
    return TurnAnswer.parse(Json.read(json));
  }

  @Test
  void toolCallsBecomeTheTranscriptsToolRequests() {
    TurnAnswer answer =
        parse(
            "{\"toolCalls\":[{\"id\":\"c1\",\"name\":\"save_note\",\"arguments\":{\"name\":\"a.md\"}}],"
                + "\"state\":{\"k\":1},\"usage\":{\"totalTokens\":12}}");

    assertThat(answer.isFinal()).isFalse();
    assertThat(answer.tokens()).isEqualTo(12);
    AiMessage message = answer.toAiMessage();
    assertThat(message.toolExecutionRequests()).hasSize(1);
    assertThat(message.toolExecutionRequests().get(0).arguments()).isEqualTo("{\"name\":\"a.md\"}");
  }

  @Test
  void aStringOutputIsTheFinalTextAndAnObjectItsJson() {
    assertThat(parse("{\"output\":\"done\"}").toAiMessage().text()).isEqualTo("done");
    assertThat(parse("{\"output\":{\"a\":[1,2]}}").toAiMessage().text()).isEqualTo("{\"a\":[1,2]}");
    assertThat(parse("{\"output\":null}").isFinal()).isTrue();
  }

  @Test
  void answersThatBreakTheSchemaAreRefusedNamingWhat() {
    String[][] cases = {
      {"[]", "not a JSON object"},
      {"{}", "exactly one of toolCalls and output"},
      {"{\"output\":1,\"toolCalls\":[]}", "exactly one of toolCalls and output"},
      {"{\"output\":1,\"extra\":true}", "unknown field 'extra'"},
      {"{\"toolCalls\":[]}", "toolCalls must be an array of 1 to 32"},
      {"{\"toolCalls\":[{\"name\":\"t\",\"arguments\":{}}]}", "toolCalls[0].id"},
      {"{\"toolCalls\":[{\"id\":\"a\",\"name\":\"9t\",\"arguments\":{}}]}", "toolCalls[0].name"},
      {
        "{\"toolCalls\":[{\"id\":\"a\",\"name\":\"t\",\"arguments\":\"{}\"}]}",
        "toolCalls[0].arguments"
      },
      {
        "{\"toolCalls\":[{\"id\":\"a\",\"name\":\"t\",\"arguments\":{}},"
            + "{\"id\":\"a\",\"name\":\"t\",\"arguments\":{}}]}",
        "toolCalls[1].id repeats"
      },
      {"{\"output\":1,\"usage\":{\"totalTokens\":-1}}", "usage.totalTokens"},
      {"{\"output\":1,\"usage\":{\"totalTokens\":1.5}}", "usage.totalTokens"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> parse(c[0]))
          .as(c[0])
          .isInstanceOf(AgentCallFailed.class)
          .hasMessageContaining(c[1])
          .satisfies(e -> assertThat(((AgentCallFailed) e).retryable()).isFalse());
    }
  }
}
