package dev.agentruntime.cli;

import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.model.AliasCanary;
import dev.agentruntime.client.model.AliasResponse;
import dev.agentruntime.client.model.PutAliasRequest;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentctl aliases list AGENT|set AGENT ALIAS VERSION}: where an agent's runs go. A move
 * with {@code --if-revision} happens only if nobody moved the alias since that revision (the API's
 * If-Match; 412 otherwise).
 */
@Command(
    name = "aliases",
    mixinStandardHelpOptions = true,
    description = "An agent's aliases: list them, or point one at a version (with a canary).")
final class AliasesCommand {

  @Spec CommandSpec spec;

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The agent's aliases, by name.")
  int list(@Parameters(paramLabel = "AGENT") String agent, @Mixin OutputOptions output)
      throws ApiException {
    Session session = AgentCtl.root(spec).session();
    UUID id = Lookups.agentId(session, agent);
    List<AliasResponse> aliases = session.read(() -> session.client().agents().listAliases(id));
    if (output.json()) {
      session.printLastJson();
      return ExitCode.OK;
    }
    Table table = new Table("ALIAS", "VERSION", "CANARY", "WEIGHT", "REVISION", "UPDATED", "BY");
    aliases.forEach(a -> row(table, a));
    table.print(session.out());
    return ExitCode.OK;
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Point ALIAS at VERSION (created if new); with --canary V --weight P a split.")
  int set(
      @Parameters(index = "0", paramLabel = "AGENT") String agent,
      @Parameters(index = "1", paramLabel = "ALIAS") String alias,
      @Parameters(index = "2", paramLabel = "VERSION") int version,
      @Option(names = "--canary", paramLabel = "V", description = "The canary's version.")
          Integer canary,
      @Option(names = "--weight", paramLabel = "P", description = "The canary's share, 1-99 %.")
          Integer weight,
      @Option(
              names = "--if-revision",
              paramLabel = "R",
              description = "Move only if the alias is still at revision R (If-Match); else 412.")
          Integer ifRevision,
      @Mixin OutputOptions output)
      throws ApiException {
    if ((canary == null) != (weight == null)) {
      throw CliFailure.usage("--canary and --weight go together");
    }
    Session session = AgentCtl.root(spec).session();
    UUID id = Lookups.agentId(session, agent);
    PutAliasRequest request = new PutAliasRequest().version(version);
    if (canary != null) {
      request.canary(new AliasCanary().version(canary).weight(weight));
    }
    String ifMatch = ifRevision == null ? null : "\"" + ifRevision + "\"";
    AliasResponse moved =
        session.write(() -> session.client().agents().putAlias(alias, id, request, ifMatch));
    if (output.json()) {
      session.printLastJson();
      return ExitCode.OK;
    }
    Table table = new Table("ALIAS", "VERSION", "CANARY", "WEIGHT", "REVISION", "UPDATED", "BY");
    row(table, moved);
    table.print(session.out());
    return ExitCode.OK;
  }

  private static void row(Table table, AliasResponse a) {
    AliasCanary canary = a.getCanary();
    table.row(
        a.getName(),
        a.getVersion(),
        canary == null ? null : canary.getVersion(),
        canary == null ? null : canary.getWeight() + "%",
        a.getRevision(),
        a.getUpdatedAt(),
        a.getUpdatedBy());
  }
}
