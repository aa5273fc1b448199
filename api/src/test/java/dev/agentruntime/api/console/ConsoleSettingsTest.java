package dev.agentruntime.api.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the console signs in, from the API's settings, and what its policy lets it reach. */
class ConsoleSettingsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anIssuerTurnsOnOidcAndIsTheOnlyOtherOriginThePageMayConnectTo() throws Exception {
    ConsoleRoutes routes =
        new ConsoleRoutes(settings("https://id.example.com:8443/realms/agent-runtime"), JSON);
    JsonNode config = JSON.readTree(routes.config());
    assertThat(config.at("/oidc/issuer").asText())
        .isEqualTo("https://id.example.com:8443/realms/agent-runtime");
    assertThat(config.at("/oidc/clientId").asText()).isEqualTo("agent-runtime-console");
    assertThat(config.at("/oidc/scope").asText()).isEqualTo("openid");
    assertThat(routes.policy())
        .contains("connect-src 'self' https://id.example.com:8443;")
        .doesNotContain("/realms/");
  }

  @Test
  void aBlankIssuerIsNone() throws Exception {
    ConsoleRoutes routes = new ConsoleRoutes(settings(" "), JSON);
    assertThat(JSON.readTree(routes.config()).path("oidc").isNull()).isTrue();
    assertThat(routes.policy()).contains("connect-src 'self';");
  }

  @Test
  void anIssuerThatIsNotAnAbsoluteUrlStopsTheStartWithItsName() {
    assertThatThrownBy(() -> new ConsoleRoutes(settings("id.example.com/realms/x"), JSON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent-runtime.console.oidc.issuer");
  }

  private static ConsoleSettings settings(String issuer) {
    return () ->
        new ConsoleSettings.Oidc() {
          @Override
          public Optional<String> issuer() {
            return Optional.of(issuer);
          }

          @Override
          public String clientId() {
            return "agent-runtime-console";
          }

          @Override
          public String scope() {
            return "openid";
          }
        };
  }
}
