package dev.agentruntime.worker.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.secret.PlatformSecretGrants;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Platform secrets: only what the operator granted, to whom and where. */
class SecretResolverTest {

  private static final URI OPENAI = URI.create("https://api.openai.com/v1");

  @TempDir Path dir;
  @TempDir Path outside;

  private SecretResolver secrets;
  private Path key;

  @BeforeEach
  void grants() throws Exception {
    key = Files.writeString(dir.resolve("key"), "sk-file\n");
    Files.writeString(dir.resolve("crlf"), "sk-crlf\r\n");
    secrets =
        new SecretResolver(
            Map.of("OPENAI_API_KEY", "sk-env", "DATABASE_PASSWORD", "sk-db-password"),
            PlatformSecretGrants.parse(
                "env:OPENAI_API_KEY=acme@api.openai.com;file:"
                    + key
                    + "=*;file:"
                    + dir.resolve("crlf")
                    + "=*;file:"
                    + outside.resolve("escape")
                    + "=*;file:"
                    + dir.resolve("link")
                    + "=*;file:"
                    + dir.resolve("multi")
                    + "=*"),
            new PlatformFiles(dir),
            new TenantSecrets(null, new SealedValues(null)));
  }

  private ApplicationFailure fails(String tenant, String ref, URI destination) {
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> secrets.resolve(tenant, ref, "model.apiKeyRef", destination));
    assertThat(failure).as(ref).isNotNull();
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ActivityFailureTypes.CLIENT_ERROR);
    assertThat(failure.getOriginalMessage()).startsWith("model.apiKeyRef cannot be resolved: ");
    assertThat(failure.getOriginalMessage()).doesNotContain("sk-");
    return failure;
  }

  @Test
  void aGrantedEnvironmentReferenceResolvesForItsTenantOnItsWayToItsDestination() {
    assertThat(secrets.resolve("acme", "env:OPENAI_API_KEY", "model.apiKeyRef", OPENAI))
        .isEqualTo("sk-env");
  }

  @Test
  void aPlatformSecretReachesNoOtherTenantNoOtherDestinationAndNoOtherVariable() {
    assertThat(fails("globex", "env:OPENAI_API_KEY", OPENAI).getOriginalMessage())
        .contains("has not granted to tenant globex");
    assertThat(
            fails("acme", "env:OPENAI_API_KEY", URI.create("https://attacker.example/v1"))
                .getOriginalMessage())
        .contains("does not include https://attacker.example");
    assertThat(fails("acme", "env:DATABASE_PASSWORD", OPENAI).getOriginalMessage())
        .contains("env:DATABASE_PASSWORD is a platform secret the operator has not granted");
    fails("acme", "file:/etc/passwd", OPENAI);
  }

  @Test
  void aGrantedFileIsReadWithoutItsTrailingLineBreak() {
    assertThat(secrets.resolve("acme", "file:" + key, "model.apiKeyRef", OPENAI))
        .isEqualTo("sk-file");
    assertThat(secrets.resolve("x1", "file:" + dir.resolve("crlf"), "model.apiKeyRef", OPENAI))
        .isEqualTo("sk-crlf");
  }

  @Test
  void aFileOutsideThePlatformDirectoryIsRefusedEvenWhenGrantedOrLinked() throws Exception {
    Files.writeString(outside.resolve("escape"), "sk-outside");
    Files.createSymbolicLink(dir.resolve("link"), outside.resolve("escape"));

    assertThat(fails("acme", "file:" + outside.resolve("escape"), OPENAI).getOriginalMessage())
        .contains("outside " + dir);
    assertThat(fails("acme", "file:" + dir.resolve("link"), OPENAI).getOriginalMessage())
        .contains("outside " + dir);
  }

  @Test
  void aValueNoHttpHeaderCanCarryFailsNamingTheFieldNeverQuotingTheValue() throws Exception {
    Files.writeString(dir.resolve("multi"), "sk-line1\nsk-line2\n");

    assertThat(fails("acme", "file:" + dir.resolve("multi"), OPENAI).getOriginalMessage())
        .contains("cannot be sent in an HTTP header");
  }

  @Test
  void somethingThatIsNoReferenceFails() {
    fails("acme", "vault:secret/key", OPENAI);
    fails("acme", "sk-the-key-itself", OPENAI);
  }
}
