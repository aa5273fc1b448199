package dev.agentruntime.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentctl completion bash|zsh}: picocli's completion script for this command tree. The one
 * script serves both shells: under zsh it loads bashcompinit itself (compinit only when needed).
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print the shell completion script:",
      "  source <(agentctl completion bash)   # in ~/.bashrc",
      "  source <(agentctl completion zsh)    # in ~/.zshrc"
    })
final class CompletionCommand implements Callable<Integer> {

  enum Shell {
    bash,
    zsh
  }

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    String script = AutoComplete.bash("agentctl", root);
    AgentCtl.root(spec).context.out().print(script);
    return ExitCode.OK;
  }
}
