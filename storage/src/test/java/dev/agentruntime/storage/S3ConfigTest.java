package dev.agentruntime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the S3 settings read when set from the environment, as ECS sets them, over the defaults of
 * application.properties: the reason for {@code agent-runtime.s3.credentials}.
 */
class S3ConfigTest {

  private static final Map<String, String> DEFAULTS =
      Map.of(
          "agent-runtime.s3.endpoint", "http://localhost:9000",
          "agent-runtime.s3.bucket", "agent-runtime",
          "agent-runtime.s3.region", "us-east-1",
          "agent-runtime.s3.access-key", "minioadmin",
          "agent-runtime.s3.secret-key", "minioadmin");

  @Test
  void theDefaultIsTheStaticKeys() {
    S3Config config = read(Map.of());

    assertThat(config.credentials()).isEqualTo(S3Config.Credentials.STATIC);
    assertThat(config.accessKey()).contains("minioadmin");
  }

  @Test
  void theEnvironmentSelectsTheAwsChainInLowerCase() {
    S3Config config = read(Map.of("AGENT_RUNTIME_S3_CREDENTIALS", "aws"));

    assertThat(config.credentials()).isEqualTo(S3Config.Credentials.AWS);
  }

  @Test
  void anEmptyEnvironmentValueReadsAsUnsetAndStaticCredentialsThenFailStartUp() {
    S3Config config = read(Map.of("AGENT_RUNTIME_S3_ACCESS_KEY", ""));

    assertThat(config.accessKey()).isEmpty();
    assertThatThrownBy(() -> S3Clients.client(config))
        .hasMessageContaining("agent-runtime.s3.access-key is required");
  }

  private static S3Config read(Map<String, String> environment) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(DEFAULTS, "application.properties", 250))
            .withSources(new EnvConfigSource(environment, 300))
            .withMapping(S3Config.class)
            .build();
    return config.getConfigMapping(S3Config.class);
  }
}
