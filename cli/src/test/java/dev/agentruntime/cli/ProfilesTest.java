package dev.agentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which profile, API and token a command uses; nothing here reaches an API. */
class ProfilesTest {

  @TempDir Path dir;

  private Cli cli() {
    return new Cli().env("AGENTCTL_CONFIG", dir.resolve("config.json").toString());
  }

  private static final String ALICE =
      Cli.token("alice", "acme", Instant.now().plusSeconds(3600).getEpochSecond(), "runner");
  private static final String BOB =
      Cli.token("bob", "beta", Instant.now().plusSeconds(3600).getEpochSecond(), "viewer");

  @Test
  void loginStoresAProfileAndMakesItCurrent() throws Exception {
    assertThat(cli().run("login", "--api", "http://one:1", "--token", ALICE).exitCode()).isZero();
    assertThat(
            cli()
                .run("login", "--profile", "two", "--api", "http://two:2/", "--token", BOB)
                .exitCode())
        .isZero();
    Cli.Result list = cli().run("profiles", "list");
    assertThat(list.out()).containsPattern("\\*\\s+two\\s+http://two:2\\s+token");
    assertThat(list.out()).containsPattern("\\n\\s+default\\s+http://one:1");
    assertThat(Files.readString(dir.resolve("config.json")))
        .contains("\"currentProfile\" : \"two\"");
    assertThat(cli().run("profiles", "use", "default").exitCode()).isZero();
    assertThat(cli().run("profiles", "list").out()).containsPattern("\\*\\s+default");
  }

  @Test
  void theProfileComesFromTheOptionThenTheEnvironmentThenTheCurrentOne() {
    cli().run("login", "--profile", "one", "--api", "http://one:1", "--token", ALICE);
    cli().run("login", "--profile", "two", "--api", "http://two:2", "--token", BOB);
    AgentCtl.Context context =
        new AgentCtl.Context(
            java.util.Map.of("AGENTCTL_CONFIG", dir.resolve("config.json").toString()),
            System.in,
            System.out,
            System.err);
    assertThat(context.profileName(null)).isEqualTo("two");
    assertThat(context.profileName("one")).isEqualTo("one");
    AgentCtl.Context fromEnv =
        new AgentCtl.Context(
            java.util.Map.of(
                "AGENTCTL_CONFIG",
                dir.resolve("config.json").toString(),
                "AGENTCTL_PROFILE",
                "one"),
            System.in,
            System.out,
            System.err);
    assertThat(fromEnv.profileName(null)).isEqualTo("one");
    assertThat(fromEnv.apiUrlOrNull(null, null)).isEqualTo("http://one:1");
    assertThat(fromEnv.profileName("two")).isEqualTo("two");
  }

  @Test
  void anOptionAfterTheSubcommandSelectsTheProfileToo() {
    cli().run("login", "--profile", "one", "--api", "http://127.0.0.1:1", "--token", ALICE);
    cli().run("login", "--profile", "two", "--api", "http://127.0.0.1:2", "--token", BOB);
    // Nothing listens there: the line names the API the profile chose.
    Cli.Result result = cli().run("runs", "list", "--profile", "one");
    assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(result.err()).startsWith("error: cannot reach the API at http://127.0.0.1:1");
  }

  @Test
  void environmentVariablesOverrideTheProfileForScripts() {
    cli().run("login", "--api", "http://127.0.0.1:1", "--token", ALICE);
    Cli.Result result =
        cli().env("AGENTCTL_API", "http://127.0.0.1:3").env("AGENTCTL_TOKEN", BOB).run("whoami");
    assertThat(result.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(result.err()).contains("http://127.0.0.1:3");
  }

  @Test
  void withoutALoginACommandSaysSoAndExits3() {
    Cli.Result result = cli().run("runs", "list", "--api", "http://127.0.0.1:1");
    assertThat(result.exitCode()).isEqualTo(ExitCode.UNAUTHORIZED);
    assertThat(result.err()).startsWith("error: not signed in");
  }

  @Test
  void aTokenThatIsNotAJwtIsRefusedAtLogin() {
    Cli.Result result = cli().run("login", "--api", "http://a", "--token", "nope");
    assertThat(result.exitCode()).isEqualTo(ExitCode.UNAUTHORIZED);
    assertThat(Files.exists(dir.resolve("config.json"))).isFalse();
  }

  @Test
  void theTokenCanComeFromStdin() {
    assertThat(
            cli()
                .stdin(ALICE + "\n")
                .run("login", "--api", "http://a", "--token-file", "-")
                .exitCode())
        .isZero();
  }

  @Test
  void usageErrorsExit2() {
    assertThat(cli().run("runs", "frobnicate").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(cli().run("login", "--api", "http://a").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(cli().run("approvals", "approve", "r", "a").exitCode()).isEqualTo(ExitCode.USAGE);
  }
}
