package dev.agentruntime.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.embedded.DevTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneGuideTest {

  @Test
  void theReadmesFirstRunIsTheSequenceTheLauncherPrints() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    String sequence =
        StandaloneGuide.FIRST_RUN.formatted(
            ".standalone/env.sh", ".standalone/examples/demo-agent-version.json");

    assertThat(readme).contains("```bash\n" + sequence + "```");
  }

  @Test
  void theEnvFileSetsTheVariablesEveryExampleUses(@TempDir Path home) throws Exception {
    Path tokens = home.resolve("tokens");
    StandaloneGuide.writeTokens(
        DevTokens.inDirectory(home.resolve("keys")), tokens, Duration.ofMinutes(5));
    Path env = StandaloneGuide.writeEnv(home, "http://127.0.0.1:18080", tokens);

    Process bash =
        new ProcessBuilder(
                "bash",
                "-c",
                ". \"$1\" && printf '%s\\n' \"$AR\" \"$ADMIN\" \"$TOKEN\" \"$APPROVER\"",
                "env",
                env.toString())
            .redirectErrorStream(true)
            .start();
    List<String> printed = new String(bash.getInputStream().readAllBytes()).lines().toList();

    assertThat(bash.waitFor()).isZero();
    assertThat(printed).hasSize(4);
    assertThat(printed.get(0)).isEqualTo("http://127.0.0.1:18080");
    assertThat(printed.get(1)).isEqualTo(Files.readString(tokens.resolve("platform-admin.jwt")));
    assertThat(printed.get(2)).isEqualTo(Files.readString(tokens.resolve("demo.jwt")));
    assertThat(printed.get(3)).isEqualTo(Files.readString(tokens.resolve("demo-approver.jwt")));
  }

  @Test
  void theConsoleLinkSignsInTheDemoOperatorWithEveryTenantRole(@TempDir Path home)
      throws Exception {
    Path tokens = home.resolve("tokens");
    DevTokens keys = DevTokens.inDirectory(home.resolve("keys"));
    StandaloneGuide.writeTokens(keys, tokens, Duration.ofMinutes(5));
    Path link = StandaloneGuide.writeConsoleLink("http://127.0.0.1:18080", tokens);

    String url = Files.readString(link).trim();
    String token = Files.readString(tokens.resolve("demo-operator.jwt")).trim();
    assertThat(url).isEqualTo("http://127.0.0.1:18080/console/#token=" + token);
    String claims =
        new String(
            java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(claims)
        .contains("\"tenant\":\"demo\"", "agent-admin", "runner", "viewer", "approver");
  }

  @Test
  void theUsageNamesEveryOptionTheLauncherTakes() {
    assertThat(StandaloneGuide.USAGE)
        .contains("--fresh", "--demo", "--exit", "--api-port N", "--worker-port N", "--help");
  }
}
