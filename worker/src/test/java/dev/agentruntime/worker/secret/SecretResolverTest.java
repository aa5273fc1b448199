package dev.agentruntime.worker.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {

  private final SecretResolver secrets = new SecretResolver(Map.of("OPENAI_API_KEY", "sk-env"));

  @TempDir Path dir;

  @Test
  void anEnvironmentReferenceReadsTheVariable() {
    assertThat(secrets.resolve("env:OPENAI_API_KEY", "model.apiKeyRef")).isEqualTo("sk-env");
  }

  @Test
  void aFileReferenceReadsTheFileWithoutItsTrailingLineBreak() throws Exception {
    Path key = Files.writeString(dir.resolve("key"), "sk-file\n");
    Path crlf = Files.writeString(dir.resolve("crlf"), "sk-crlf\r\n");
    Path inner = Files.writeString(dir.resolve("inner"), "line1\nline2\n\n");

    assertThat(secrets.resolve("file:" + key, "model.apiKeyRef")).isEqualTo("sk-file");
    assertThat(secrets.resolve("file:" + crlf, "model.apiKeyRef")).isEqualTo("sk-crlf");
    assertThat(secrets.resolve("file:" + inner, "x")).isEqualTo("line1\nline2\n");
  }

  @Test
  void anUnresolvableReferenceFailsForGoodNamingTheFieldAndNeverAValue() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    Path big = Files.write(dir.resolve("big"), new byte[70 * 1024]);

    for (String ref :
        new String[] {
          "env:MISSING",
          "file:" + dir.resolve("absent"),
          "file:relative/key",
          "file:" + empty,
          "file:" + big,
          "file:" + dir,
          "vault:secret/key"
        }) {
      ApplicationFailure failure =
          catchThrowableOfType(
              ApplicationFailure.class, () -> secrets.resolve(ref, "tools[0].authRef"));
      assertThat(failure).as(ref).isNotNull();
      assertThat(failure.isNonRetryable()).as(ref).isTrue();
      assertThat(failure.getType()).isEqualTo(ActivityFailureTypes.CLIENT_ERROR);
      assertThat(failure.getOriginalMessage()).startsWith("tools[0].authRef cannot be resolved: ");
      assertThat(failure.getOriginalMessage()).doesNotContain("sk-");
    }
  }
}
