package dev.agentruntime.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.worker.TestInfrastructure;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.UserMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reads from this worker's recent writes, against the real object store. */
class TranscriptsTest {

  private final TestInfrastructure infra = TestInfrastructure.get();
  private final Transcripts transcripts = new Transcripts(infra.objects);
  private final String key = "t/runs/" + UUID.randomUUID() + "/transcript-1.json";

  @Test
  void theDigestOfAWriteIsTheStoredObjectsAndReadsWithItComeFromMemory() throws Exception {
    List<ChatMessage> written = List.of(UserMessage.from("hello"));
    String sha = transcripts.write(key, written);

    assertThat(sha).isEqualTo(sha256(infra.objects.getText(key)));
    long hits = transcripts.recentHits();
    assertThat(transcripts.read(key, sha)).isEqualTo(written);
    assertThat(transcripts.recentHits()).isEqualTo(hits + 1);
  }

  @Test
  void anObjectRewrittenElsewhereIsReadFromTheStoreUnderItsNewDigest() {
    transcripts.write(key, List.of(UserMessage.from("first attempt")));
    // Another worker's attempt wrote the key since, and the workflow accepted that attempt.
    List<ChatMessage> accepted = List.of(UserMessage.from("accepted attempt"));
    String acceptedSha =
        infra
            .objects
            .putText(key, ChatMessageSerializer.messagesToJson(accepted), "application/json")
            .sha256();
    long hits = transcripts.recentHits();

    assertThat(transcripts.read(key, acceptedSha)).isEqualTo(accepted);
    assertThat(transcripts.read(key, null)).isEqualTo(accepted);
    assertThat(transcripts.recentHits()).isEqualTo(hits);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
