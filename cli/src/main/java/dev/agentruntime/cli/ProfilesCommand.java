package dev.agentruntime.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentctl profiles list|use NAME}: the stacks of the config file. */
@Command(
    name = "profiles",
    mixinStandardHelpOptions = true,
    description = "List the profiles of the config file, or choose the current one.")
final class ProfilesCommand {

  @Spec CommandSpec spec;

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The profiles, the current one marked *.")
  int list() {
    AgentCtl.Context context = AgentCtl.root(spec).context;
    ConfigFile.Contents contents = context.config().read();
    String current = context.profileName(AgentCtl.root(spec).profile);
    Table table = new Table("CURRENT", "NAME", "API", "SIGNED IN");
    for (Map.Entry<String, Profile> p : contents.profiles().entrySet()) {
      table.row(
          p.getKey().equals(current) ? "*" : "",
          p.getKey(),
          p.getValue().api(),
          p.getValue().accessToken() == null
              ? "no"
              : p.getValue().issuer() == null ? "token" : "device");
    }
    table.print(context.out());
    return ExitCode.OK;
  }

  @Command(
      name = "use",
      mixinStandardHelpOptions = true,
      description = "Make NAME the current profile.")
  int use(@Parameters(paramLabel = "NAME") String name) {
    ConfigFile config = AgentCtl.root(spec).context.config();
    ConfigFile.Contents contents = config.read();
    if (!contents.profiles().containsKey(name)) {
      throw new CliFailure(ExitCode.NOT_FOUND, "no profile " + name + " in " + config.path());
    }
    config.write(new ConfigFile.Contents(name, contents.profiles()));
    return ExitCode.OK;
  }
}
