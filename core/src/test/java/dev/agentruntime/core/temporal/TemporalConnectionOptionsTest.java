package dev.agentruntime.core.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.temporal.serviceclient.GrpcMetadataProvider;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalConnectionOptionsTest {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @Test
  void withoutTlsSettingsTheConnectionIsPlaintextAndUnauthenticated() {
    WorkflowServiceStubsOptions options =
        TemporalConnectionOptions.newBuilder(Settings.plaintext()).build();

    assertThat(options.getTarget()).isEqualTo("127.0.0.1:7233");
    assertThat(options.getSslContext()).isNull();
    assertThat(options.getEnableHttps()).isFalse();
    assertThat(options.getGrpcMetadataProviders()).isNullOrEmpty();
  }

  @Test
  void anApiKeyTurnsTlsOnAndIsSentAsBearerToken() {
    WorkflowServiceStubsOptions options =
        TemporalConnectionOptions.newBuilder(Settings.plaintext().withApiKey("secret-key")).build();

    assertThat(options.getSslContext()).isNotNull();
    assertThat(options.getGrpcMetadataProviders())
        .extracting(GrpcMetadataProvider::getMetadata)
        .extracting(metadata -> metadata.get(AUTHORIZATION))
        .containsExactly("Bearer secret-key");
  }

  @Test
  void aBlankApiKeyCountsAsUnset() {
    WorkflowServiceStubsOptions options =
        TemporalConnectionOptions.newBuilder(Settings.plaintext().withApiKey(" ")).build();

    assertThat(options.getSslContext()).isNull();
    assertThat(options.getGrpcMetadataProviders()).isNullOrEmpty();
  }

  @Test
  void aClientCertificateWithoutItsKeyFailsNamingBothProperties() {
    Settings settings = Settings.plaintext().withTls("/etc/temporal/client.pem", null, null);

    assertThatThrownBy(() -> TemporalConnectionOptions.newBuilder(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent-runtime.temporal.tls.client-cert")
        .hasMessageContaining("agent-runtime.temporal.tls.client-key")
        .hasMessageContaining("only agent-runtime.temporal.tls.client-cert is set");
  }

  @Test
  void aKeyWithoutItsCertificateFailsToo() {
    Settings settings = Settings.plaintext().withTls(null, "/etc/temporal/client.key", null);

    assertThatThrownBy(() -> TemporalConnectionOptions.newBuilder(settings))
        .hasMessageContaining("only agent-runtime.temporal.tls.client-key is set");
  }

  @Test
  void anUnreadableCertificateFileFailsNamingThePropertyAndPath(@TempDir Path dir) {
    String missing = dir.resolve("absent.pem").toString();
    Settings settings = Settings.plaintext().withTls(missing, missing, null);

    assertThatThrownBy(() -> TemporalConnectionOptions.newBuilder(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent-runtime.temporal.tls.client-cert")
        .hasMessageContaining(missing);
  }

  @Test
  void aServerCaThatIsNoCertificateFailsNamingTheProperty() {
    Settings settings =
        Settings.plaintext()
            .withTls(
                null,
                null,
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----");

    assertThatThrownBy(() -> TemporalConnectionOptions.newBuilder(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent-runtime.temporal.tls.server-ca-cert");
  }

  @Test
  void aPairThatIsNoCertificateAndKeyFailsNamingTheProperties() {
    Settings settings =
        Settings.plaintext()
            .withTls(
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----",
                "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----",
                null);

    assertThatThrownBy(() -> TemporalConnectionOptions.newBuilder(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent-runtime.temporal.tls.client-cert")
        .hasMessageContaining("agent-runtime.temporal.tls.client-key");
  }
}
