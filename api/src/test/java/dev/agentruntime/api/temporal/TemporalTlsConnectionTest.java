package dev.agentruntime.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.embedded.SelfSignedCertificate;
import dev.agentruntime.testkit.TlsLocalTemporal;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's Temporal stubs over TLS, against Temporal's test server behind TLS: mTLS with the
 * client certificate (given as PEM text, as ECS injects a secret, and as a file), the API key of
 * Temporal Cloud, a private CA and a server name override; and the refusals when any is wrong.
 */
class TemporalTlsConnectionTest {

  private static final String API_KEY = "cloud-api-key";

  @TempDir static Path certs;

  private static SelfSignedCertificate server;
  private static SelfSignedCertificate client;
  private static SelfSignedCertificate stranger;
  private static SelfSignedCertificate namedServer;
  private static TlsLocalTemporal mutualTls;
  private static TlsLocalTemporal apiKeyTls;
  private static TlsLocalTemporal namedTls;

  @BeforeAll
  static void startServers() {
    server = SelfSignedCertificate.create(certs, "server", "dns:localhost", "ip:127.0.0.1");
    client = SelfSignedCertificate.create(certs, "client");
    stranger = SelfSignedCertificate.create(certs, "stranger", "ip:127.0.0.1");
    namedServer = SelfSignedCertificate.create(certs, "named", "dns:temporal.internal");
    mutualTls = TlsLocalTemporal.start(server, client, null);
    apiKeyTls = TlsLocalTemporal.start(server, null, API_KEY);
    namedTls = TlsLocalTemporal.start(namedServer, null, null);
  }

  @AfterAll
  static void stopServers() {
    for (TlsLocalTemporal temporal : new TlsLocalTemporal[] {mutualTls, apiKeyTls, namedTls}) {
      if (temporal != null) {
        temporal.close();
      }
    }
  }

  @Test
  void connectsWithTheClientCertificateGivenAsPemText() {
    TestTemporalConfig config =
        TestTemporalConfig.tls(mutualTls.target(), server.certificatePem())
            .withClientCertificate(client.certificatePem(), client.keyPem());

    assertThat(systemInfo(config).hasCapabilities()).isTrue();
  }

  @Test
  void connectsWithTheClientCertificateGivenAsFiles() {
    TestTemporalConfig config =
        TestTemporalConfig.tls(mutualTls.target(), server.certificate().toString())
            .withClientCertificate(client.certificate().toString(), client.key().toString());

    assertThat(systemInfo(config).hasCapabilities()).isTrue();
  }

  @Test
  void isRefusedWithoutAClientCertificate() {
    TestTemporalConfig config = TestTemporalConfig.tls(mutualTls.target(), server.certificatePem());

    assertThatThrownBy(() -> systemInfo(config))
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void isRefusedWithACertificateTheServerDoesNotTrust() {
    TestTemporalConfig config =
        TestTemporalConfig.tls(mutualTls.target(), server.certificatePem())
            .withClientCertificate(stranger.certificatePem(), stranger.keyPem());

    assertThatThrownBy(() -> systemInfo(config)).isInstanceOf(StatusRuntimeException.class);
  }

  @Test
  void refusesAServerWhoseCertificateTheConfiguredCaDidNotIssue() {
    TestTemporalConfig config =
        TestTemporalConfig.tls(mutualTls.target(), stranger.certificatePem())
            .withClientCertificate(client.certificatePem(), client.keyPem());

    assertThatThrownBy(() -> systemInfo(config))
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void sendsTheApiKeyAsBearerToken() {
    TestTemporalConfig config =
        TestTemporalConfig.tls(apiKeyTls.target(), server.certificatePem()).withApiKey(API_KEY);

    assertThat(systemInfo(config).hasCapabilities()).isTrue();
  }

  @Test
  void aWrongApiKeyIsRefusedAsUnauthenticated() {
    TestTemporalConfig config =
        TestTemporalConfig.tls(apiKeyTls.target(), server.certificatePem()).withApiKey("other");

    assertThatThrownBy(() -> systemInfo(config))
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void theServerNameOverrideIsWhatTheServerCertificateIsCheckedAgainst() {
    TestTemporalConfig config =
        TestTemporalConfig.tls(namedTls.target(), namedServer.certificatePem())
            .withServerName("temporal.internal");

    assertThat(systemInfo(config).hasCapabilities()).isTrue();
  }

  @Test
  void withoutTheOverrideTheTargetHostMustMatchTheServerCertificate() {
    TestTemporalConfig config =
        TestTemporalConfig.tls(namedTls.target(), namedServer.certificatePem());

    assertThatThrownBy(() -> systemInfo(config))
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
  }

  /** One real Temporal call through the stubs the API's producer builds from {@code config}. */
  private static GetSystemInfoResponse systemInfo(TemporalConfig config) {
    WorkflowServiceStubs stubs = new TemporalClientProducer().serviceStubs(config);
    try {
      return stubs
          .blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    } finally {
      stubs.shutdownNow();
    }
  }
}
