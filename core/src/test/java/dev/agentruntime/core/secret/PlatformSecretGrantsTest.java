package dev.agentruntime.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatformSecretGrantsTest {

  @Test
  void theRuntimesOwnSettingsCannotBeGranted() {
    for (String ref :
        new String[] {
          "env:AGENT_RUNTIME_SECRETS_MASTER_KEYS",
          "env:agent_runtime_secrets_master_keys",
          "env:QUARKUS_DATASOURCE_PASSWORD",
          "env:MP_JWT_VERIFY_PUBLICKEY_LOCATION"
        }) {
      assertThatThrownBy(() -> PlatformSecretGrants.parse(ref + "=*"))
          .as(ref)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("agent-runtime.secrets.platform-grants: '" + ref + "=*'")
          .hasMessageContaining("the runtime's own settings");
    }
  }

  @Test
  void otherEnvironmentVariablesAndFilesCanBe() {
    PlatformSecretGrants grants =
        PlatformSecretGrants.parse(
            "env:OPENAI_API_KEY=*@api.openai.com;env:MY_AGENT_RUNTIME_TOKEN=acme;"
                + "file:/run/secrets/AGENT_RUNTIME_x=acme");

    assertThat(grants.grants("env:OPENAI_API_KEY", "globex")).isTrue();
    assertThat(grants.grants("env:MY_AGENT_RUNTIME_TOKEN", "acme")).isTrue();
    assertThat(grants.grants("file:/run/secrets/AGENT_RUNTIME_x", "acme")).isTrue();
  }
}
