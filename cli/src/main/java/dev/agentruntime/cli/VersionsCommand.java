package dev.agentruntime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.model.AgentVersionResponse;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentctl versions list AGENT|get AGENT N}: an agent's published, immutable versions. */
@Command(name = "versions", mixinStandardHelpOptions = true, description = "An agent's versions.")
final class VersionsCommand {

  @Spec CommandSpec spec;

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The agent's versions, oldest first.")
  int list(@Parameters(paramLabel = "AGENT") String agent, @Mixin OutputOptions output)
      throws ApiException {
    Session session = AgentCtl.root(spec).session();
    UUID id = Lookups.agentId(session, agent);
    List<AgentVersionResponse> versions =
        session.read(() -> session.client().agents().listVersions(id));
    if (output.json()) {
      session.printLastJson();
      return ExitCode.OK;
    }
    Table table = new Table("VERSION", "HASH", "CREATED", "BY");
    versions.forEach(
        v ->
            table.row(
                v.getVersion(),
                Lookups.shortHash(v.getContentHash()),
                v.getCreatedAt(),
                v.getCreatedBy()));
    table.print(session.out());
    return ExitCode.OK;
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "One version and its spec.")
  int get(
      @Parameters(index = "0", paramLabel = "AGENT") String agent,
      @Parameters(index = "1", paramLabel = "N") int number,
      @Mixin OutputOptions output)
      throws Exception {
    Session session = AgentCtl.root(spec).session();
    UUID id = Lookups.agentId(session, agent);
    AgentVersionResponse version =
        session.read(() -> session.client().agents().getVersion(id, number));
    if (output.json()) {
      session.printLastJson();
      return ExitCode.OK;
    }
    new Table("FIELD", "VALUE")
        .row("version", version.getVersion())
        .row("contentHash", version.getContentHash())
        .row("created", version.getCreatedAt())
        .row("createdBy", version.getCreatedBy())
        .print(session.out());
    JsonNode spec = session.lastTree().path("spec");
    session.out().println("spec:");
    session
        .out()
        .println(
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(spec));
    return ExitCode.OK;
  }
}
