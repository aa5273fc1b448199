package dev.agentruntime.cli;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.model.AgentFile;
import dev.agentruntime.client.model.AgentResponse;
import dev.agentruntime.client.model.AliasCanary;
import dev.agentruntime.client.model.AliasMove;
import dev.agentruntime.client.model.AliasTarget;
import dev.agentruntime.client.model.ApplyRequest;
import dev.agentruntime.client.model.ApplyResponse;
import dev.agentruntime.client.model.FileChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentctl agents list|get|apply|diff|export}: agents, and agents as code. */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = "Agents of the tenant; apply, diff and export agent files (agents as code).")
final class AgentsCommand {

  @Spec CommandSpec spec;

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The tenant's agents.")
  int list(@Mixin OutputOptions output) throws ApiException {
    Session session = AgentCtl.root(spec).session();
    List<AgentResponse> agents = session.read(() -> session.client().agents().listAgents());
    if (output.json()) {
      session.printLastJson();
      return ExitCode.OK;
    }
    Table table = new Table("NAME", "ID", "CREATED", "DESCRIPTION");
    agents.forEach(a -> table.row(a.getName(), a.getId(), a.getCreatedAt(), a.getDescription()));
    table.print(session.out());
    return ExitCode.OK;
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "One agent, by name or id.")
  int get(@Parameters(paramLabel = "AGENT") String agent, @Mixin OutputOptions output)
      throws ApiException {
    Session session = AgentCtl.root(spec).session();
    UUID id = Lookups.agentId(session, agent);
    AgentResponse found = session.read(() -> session.client().agents().getAgent(id));
    if (output.json()) {
      session.printLastJson();
      return ExitCode.OK;
    }
    new Table("FIELD", "VALUE")
        .row("name", found.getName())
        .row("id", found.getId())
        .row("description", found.getDescription())
        .row("created", found.getCreatedAt())
        .row("createdBy", found.getCreatedBy())
        .print(session.out());
    return ExitCode.OK;
  }

  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      description = "Apply the agent files (*.json) under DIR (or one file) in one transaction.")
  int apply(
      @Option(
              names = {"-f", "--file"},
              required = true,
              paramLabel = "DIR")
          Path from,
      @Option(names = "--dry-run", description = "Plan only: nothing is written.") boolean dryRun,
      @Mixin OutputOptions output)
      throws ApiException {
    return plan(from, dryRun, output);
  }

  @Command(
      name = "diff",
      mixinStandardHelpOptions = true,
      description = "What apply -f DIR would change (a dry run): created, new_version, unchanged.")
  int diff(
      @Option(
              names = {"-f", "--file"},
              required = true,
              paramLabel = "DIR")
          Path from,
      @Mixin OutputOptions output)
      throws ApiException {
    return plan(from, true, output);
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "An agent's versions as agent files: into DIR, or as one JSON document.")
  int export(
      @Parameters(paramLabel = "AGENT") String agent,
      @Option(
              names = {"-d", "--dir"},
              paramLabel = "DIR")
          Path dir)
      throws ApiException {
    Session session = AgentCtl.root(spec).session();
    UUID id = Lookups.agentId(session, agent);
    session.read(() -> session.client().agents().exportAgent(id));
    if (dir == null) {
      session.printLastJson();
      return ExitCode.OK;
    }
    JsonNode files = session.lastTree().path("files");
    ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    try {
      Files.createDirectories(dir);
      for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> file = it.next();
        Path target = dir.resolve(file.getKey()).normalize();
        if (!target.startsWith(dir.normalize())) {
          throw new CliFailure(ExitCode.OTHER, "refusing the file name " + file.getKey());
        }
        Files.writeString(target, pretty.writeValueAsString(file.getValue()) + "\n");
        session.out().println(target);
      }
    } catch (IOException e) {
      throw CliFailure.usage("cannot write into " + dir + ": " + e.getMessage());
    }
    return ExitCode.OK;
  }

  private int plan(Path from, boolean dryRun, OutputOptions output) throws ApiException {
    Session session = AgentCtl.root(spec).session();
    ApplyRequest request = new ApplyRequest().dryRun(dryRun).files(readFiles(session, from));
    ApplyResponse plan = session.write(() -> session.client().agents().applyAgents(request));
    if (output.json()) {
      session.printLastJson();
      return ExitCode.OK;
    }
    Table table = new Table("FILE", "AGENT", "ACTION", "VERSION", "ALIASES");
    for (FileChange change : plan.getChanges()) {
      table.row(
          change.getFile(),
          change.getAgent(),
          change.getAction(),
          change.getVersion(),
          aliases(change.getAliases()));
    }
    table.print(session.out());
    if (Boolean.TRUE.equals(plan.getDryRun())) {
      session.err().println("(dry run: nothing was written)");
    }
    return ExitCode.OK;
  }

  private static String aliases(List<AliasMove> moves) {
    if (moves == null || moves.isEmpty()) {
      return null;
    }
    return moves.stream()
        .map(
            m ->
                m.getName()
                    + " "
                    + m.getAction()
                    + " "
                    + target(m.getFrom())
                    + " -> "
                    + target(m.getTo()))
        .collect(Collectors.joining(", "));
  }

  static String target(AliasTarget target) {
    if (target == null) {
      return "-";
    }
    AliasCanary canary = target.getCanary();
    return "v"
        + target.getVersion()
        + (canary == null ? "" : "+v" + canary.getVersion() + "@" + canary.getWeight() + "%");
  }

  /**
   * The agent files under {@code from}, named by their path below it, each sent exactly as written:
   * the generated {@link AgentFile} cannot hold every form the format allows (an alias's {@code
   * "version": "this"}), and the API, not agentctl, says what a file may hold (422 naming the file
   * and the field).
   */
  static Map<String, AgentFile> readFiles(Session session, Path from) {
    Map<String, AgentFile> files = new TreeMap<>();
    boolean dir = Files.isDirectory(from);
    try (Stream<Path> walk = dir ? Files.walk(from) : Stream.of(from)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        if (!file.getFileName().toString().endsWith(".json")) {
          continue;
        }
        String name =
            dir
                ? from.relativize(file).toString().replace('\\', '/')
                : file.getFileName().toString();
        try {
          files.put(name, new FileAsWritten(Session.TREES.readTree(Files.readString(file))));
        } catch (IOException e) {
          throw new CliFailure(
              ExitCode.REFUSED,
              "cannot read " + file + ": " + Problems.oneLine(String.valueOf(e.getMessage())));
        }
      }
    } catch (IOException e) {
      throw CliFailure.usage("cannot read " + from + ": " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw CliFailure.usage("no agent files (*.json) in " + from);
    }
    return files;
  }

  /** An agent file the generated request carries as the JSON it was read from. */
  static final class FileAsWritten extends AgentFile {
    private final JsonNode json;

    FileAsWritten(JsonNode json) {
      this.json = json;
    }

    @JsonValue
    JsonNode json() {
      return json;
    }
  }
}
