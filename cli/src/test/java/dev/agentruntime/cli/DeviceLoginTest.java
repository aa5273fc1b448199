package dev.agentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device grant against a local server speaking Keycloak's endpoints. */
class DeviceLoginTest {

  @Test
  void theGrantPollsThroughPendingAndSlowDownAndSendsTheVerifierOfItsChallenge() throws Exception {
    String access =
        Cli.token("alice", "acme", Instant.now().plusSeconds(600).getEpochSecond(), "runner");
    try (LocalApi idp =
        new LocalApi()
            .then(
                LocalApi.json(
                    200,
                    "{\"device_code\":\"dc\",\"user_code\":\"ABCD-EFGH\",\"verification_uri\":"
                        + "\"http://idp/device\",\"expires_in\":600,\"interval\":1}"))
            .then(LocalApi.json(400, "{\"error\":\"authorization_pending\"}"))
            .then(LocalApi.json(400, "{\"error\":\"slow_down\"}"))
            .then(
                LocalApi.json(
                    200, "{\"access_token\":\"" + access + "\",\"refresh_token\":\"rt\"}"))) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      DeviceLogin.Tokens tokens =
          new DeviceLogin(idp.url() + "/realms/r", "agent-runtime-cli", new PrintStream(err, true))
              .sleeper(d -> {})
              .login();
      assertThat(tokens).isEqualTo(new DeviceLogin.Tokens(access, "rt"));
      assertThat(idp.requests.get(0))
          .isEqualTo("POST /realms/r/protocol/openid-connect/auth/device");
      assertThat(idp.requests.get(3)).isEqualTo("POST /realms/r/protocol/openid-connect/token");
      Map<String, String> ask = form(idp.bodies.get(0));
      Map<String, String> poll = form(idp.bodies.get(3));
      assertThat(ask)
          .containsEntry("client_id", "agent-runtime-cli")
          .containsEntry("code_challenge_method", "S256");
      assertThat(poll)
          .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:device_code")
          .containsEntry("device_code", "dc");
      assertThat(DeviceLogin.challenge(poll.get("code_verifier")))
          .isEqualTo(ask.get("code_challenge"));
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("http://idp/device")
          .contains("ABCD-EFGH");
    }
  }

  @Test
  void aDeniedGrantExits3() throws Exception {
    try (LocalApi idp =
        new LocalApi()
            .then(
                LocalApi.json(
                    200,
                    "{\"device_code\":\"dc\",\"user_code\":\"X\",\"verification_uri\":\"u\",\"interval\":1}"))
            .then(LocalApi.json(400, "{\"error\":\"access_denied\"}"))) {
      Cli.Result result =
          new Cli()
              .env(
                  "AGENTCTL_CONFIG",
                  java.nio.file.Files.createTempDirectory("agentctl").resolve("c.json").toString())
              .run("login", "--device", "--issuer", idp.url(), "--api", "http://api");
      assertThat(result.exitCode()).isEqualTo(ExitCode.UNAUTHORIZED);
      assertThat(result.err()).contains("error: sign-in failed: access_denied");
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      fields.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return fields;
  }
}
