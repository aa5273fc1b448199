package dev.agentruntime.api.run.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LangChain4j's message JSON, as the worker stores it, read into one shape per role. */
class TranscriptMessagesTest {

  private final TranscriptMessages messages = new TranscriptMessages(1024 * 1024);

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void eachStoredTypeBecomesItsRole() {
    List<TranscriptMessage> read =
        messages.list(
            bytes(
                StoredMessages.list(
                    StoredMessages.SYSTEM,
                    StoredMessages.USER,
                    StoredMessages.CALLS,
                    StoredMessages.RESULT_1,
                    StoredMessages.RESULT_2_FAILED,
                    StoredMessages.FINAL)),
            "k");

    assertThat(read)
        .containsExactly(
            TranscriptMessage.system("Be helpful."),
            TranscriptMessage.user("What is 6*7?"),
            TranscriptMessage.assistant(
                null,
                List.of(
                    new TranscriptToolCall("call_1", "calculator", "{\"expression\": \"6*7\"}"),
                    new TranscriptToolCall("call_2", "write_artifact", "{\"name\":\"notes\"}"))),
            TranscriptMessage.tool("call_1", "calculator", "42", false),
            TranscriptMessage.tool("call_2", "write_artifact", "refused: no name", true),
            TranscriptMessage.assistant("6*7 is 42.", List.of()));
  }

  @Test
  void textPartsAreJoinedAndOtherPartsLeftOut() {
    String user =
        "{\"name\":\"alice\",\"contents\":[{\"text\":\"a\",\"type\":\"TEXT\"},"
            + "{\"image\":{\"url\":\"http://a/b.png\"},\"detailLevel\":\"LOW\",\"type\":\"IMAGE\"},"
            + "{\"text\":\"b\",\"type\":\"TEXT\"}],\"type\":\"USER\"}";
    String imageOnly =
        "{\"contents\":[{\"image\":{\"url\":\"http://a/b.png\"},\"type\":\"IMAGE\"}],"
            + "\"type\":\"USER\"}";

    assertThat(messages.list(bytes(StoredMessages.list(user, imageOnly)), "k"))
        .containsExactly(TranscriptMessage.user("a\nb"), TranscriptMessage.user(null));
  }

  @Test
  void theFormerTextFieldOfResultsAndUserMessagesIsReadToo() {
    String result =
        "{\"id\":\"c\",\"toolName\":\"t\",\"text\":\"legacy\",\"type\":\"TOOL_EXECUTION_RESULT\"}";
    String user = "{\"text\":\"hi\",\"type\":\"USER\"}";

    assertThat(messages.one(bytes(result), "k"))
        .contains(TranscriptMessage.tool("c", "t", "legacy", false));
    assertThat(messages.one(bytes(user), "k")).contains(TranscriptMessage.user("hi"));
  }

  @Test
  void messagesOfOtherTypesAreLeftOut() {
    String custom = "{\"attributes\":{\"x\":1},\"type\":\"CUSTOM\"}";

    assertThat(
            messages.list(
                bytes(StoredMessages.list(StoredMessages.SYSTEM, custom, StoredMessages.USER)),
                "k"))
        .extracting(TranscriptMessage::role)
        .containsExactly(TranscriptMessage.SYSTEM, TranscriptMessage.USER);
  }

  @Test
  void storedTextThatIsNotATranscriptIsAFaultNamingItsKey() {
    assertThatThrownBy(() -> messages.list(bytes("{\"type\":\"USER\"}"), "runs/x/step-1.json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("runs/x/step-1.json");
    assertThatThrownBy(() -> messages.list(bytes("[{"), "k"))
        .isInstanceOf(IllegalStateException.class);
  }
}
