package dev.agentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentCtlTest {

  @Test
  void aCommandLineNamingAGroupIsGivenOnlyThatGroup() {
    assertThat(AgentCtl.group("runs", "list")).isEqualTo("runs");
    assertThat(AgentCtl.group("--profile", "approvals", "runs", "list")).isEqualTo("runs");
    assertThat(AgentCtl.group("--api=http://x", "agents", "list")).isEqualTo("agents");
    assertThat(AgentCtl.group("--version")).isEmpty();
  }

  @Test
  void helpCompletionAndUnknownCommandsGetEveryGroup() {
    assertThat(AgentCtl.group("--help")).isNull();
    assertThat(AgentCtl.group()).isNull();
    assertThat(AgentCtl.group("completion", "bash")).isNull();
    assertThat(AgentCtl.group("rnus", "list")).isNull();
  }

  @Test
  void theRootHelpListsEveryGroupAndAMisspelledOneIsAUsageError() {
    Cli.Result help = new Cli().run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("approvals", "artifacts", "completion", "runs", "whoami");
    Cli.Result typo = new Cli().run("rnus", "list");
    assertThat(typo.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(typo.err()).contains("Unmatched arguments").contains("Did you mean");
  }
}
