package dev.agentruntime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.agentruntime.embedded.LocalS3;
import io.minio.errors.ErrorResponseException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The S3 client of the worker and the API with each credentials choice, against a real S3 server
 * (s3proxy with AWS v4 signatures). The {@code aws} choice is served by a local stand-in for the
 * ECS container credentials endpoint, found as on ECS through {@code
 * AWS_CONTAINER_CREDENTIALS_FULL_URI} (set here as a system property, which MinIO's providers read
 * before the environment).
 */
class S3ClientsTest {

  private static final String FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

  private static LocalS3 s3;
  private static HttpServer containerCredentials;
  private static final AtomicInteger CREDENTIAL_REQUESTS = new AtomicInteger();
  private static volatile String servedAccessKey;
  private static volatile String servedToken;

  @BeforeAll
  static void start() throws IOException {
    s3 = LocalS3.startEphemeral();
    containerCredentials = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    containerCredentials.createContext(
        "/v2/credentials/task",
        exchange -> {
          CREDENTIAL_REQUESTS.incrementAndGet();
          // The body ECS's agent answers with for a task role.
          String body =
              """
              {"RoleArn":"arn:aws:iam::123456789012:role/agent-runtime-worker",
               "AccessKeyId":"%s","SecretAccessKey":"%s",%s
               "Expiration":"2099-01-01T00:00:00Z"}"""
                  .formatted(
                      servedAccessKey,
                      LocalS3.SECRET_KEY,
                      servedToken == null ? "" : "\"Token\":\"" + servedToken + "\",");
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    containerCredentials.start();
  }

  @AfterAll
  static void stop() {
    containerCredentials.stop(0);
    s3.close();
  }

  @AfterEach
  void forgetContainerEndpoint() {
    System.clearProperty(FULL_URI);
  }

  @Test
  void awsCredentialsComeFromTheContainerCredentialsEndpoint() {
    pointAtContainerEndpoint(LocalS3.ACCESS_KEY);
    ObjectStore store = store(config(S3Config.Credentials.AWS, null, null), "aws-creds");

    store.ensureBucket();
    store.putText("runs/r1/transcript.json", "{}", "application/json");

    assertThat(store.getText("runs/r1/transcript.json")).isEqualTo("{}");
    assertThat(CREDENTIAL_REQUESTS.get()).isPositive();
  }

  @Test
  void awsCredentialsTheServerDoesNotKnowAreRefused() {
    pointAtContainerEndpoint("unknown-access-key");
    ObjectStore store = store(config(S3Config.Credentials.AWS, null, null), "aws-wrong");

    assertThatThrownBy(store::ensureBucket)
        .isInstanceOf(ObjectStoreException.class)
        .hasCauseInstanceOf(ErrorResponseException.class);
  }

  @Test
  void awsCredentialsIgnoreStaticKeys() {
    pointAtContainerEndpoint(LocalS3.ACCESS_KEY);
    int before = CREDENTIAL_REQUESTS.get();
    ObjectStore store =
        store(config(S3Config.Credentials.AWS, "minioadmin", "minioadmin"), "aws-over-static");

    store.ensureBucket();

    assertThat(CREDENTIAL_REQUESTS.get()).isGreaterThan(before);
  }

  @Test
  void theAwsChainReadsTheTaskRoleCredentialsWithTheirSessionToken() {
    pointAtContainerEndpoint("ASIATASKROLE", "session-token");

    io.minio.credentials.Credentials credentials = S3Clients.awsCredentials().fetch();

    assertThat(credentials.accessKey()).isEqualTo("ASIATASKROLE");
    assertThat(credentials.secretKey()).isEqualTo(LocalS3.SECRET_KEY);
    assertThat(credentials.sessionToken()).isEqualTo("session-token");
    assertThat(credentials.isExpired()).isFalse();
  }

  @Test
  void staticCredentialsAreTheConfiguredKeys() {
    ObjectStore store =
        store(
            config(S3Config.Credentials.STATIC, LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY),
            "static-creds");

    store.ensureBucket();
    store.putText("k", "v", "text/plain");

    assertThat(store.getText("k")).isEqualTo("v");
  }

  @Test
  void staticCredentialsWithoutAKeyFailNamingTheProperty() {
    S3Config config = config(S3Config.Credentials.STATIC, LocalS3.ACCESS_KEY, "");

    assertThatThrownBy(() -> S3Clients.client(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent-runtime.s3.secret-key")
        .hasMessageContaining("agent-runtime.s3.credentials=aws");
  }

  /**
   * Serves {@code accessKey} without a session token: s3proxy answers 501 to any request carrying
   * one (it has no STS), so the round trips use long-lived keys; {@link
   * #theAwsChainReadsTheTaskRoleCredentialsWithTheirSessionToken} covers the token.
   */
  private static void pointAtContainerEndpoint(String accessKey) {
    pointAtContainerEndpoint(accessKey, null);
  }

  private static void pointAtContainerEndpoint(String accessKey, String token) {
    servedAccessKey = accessKey;
    servedToken = token;
    System.setProperty(
        FULL_URI,
        "http://127.0.0.1:" + containerCredentials.getAddress().getPort() + "/v2/credentials/task");
  }

  private static ObjectStore store(S3Config config, String bucket) {
    return new ObjectStore(S3Clients.client(config), bucket);
  }

  private static S3Config config(
      S3Config.Credentials credentials, String accessKey, String secretKey) {
    return new S3Config() {
      @Override
      public String endpoint() {
        return s3.endpoint();
      }

      @Override
      public String bucket() {
        return "unused";
      }

      @Override
      public String region() {
        return "us-east-1";
      }

      @Override
      public Credentials credentials() {
        return credentials;
      }

      @Override
      public Optional<String> accessKey() {
        return Optional.ofNullable(accessKey);
      }

      @Override
      public Optional<String> secretKey() {
        return Optional.ofNullable(secretKey);
      }
    };
  }
}
