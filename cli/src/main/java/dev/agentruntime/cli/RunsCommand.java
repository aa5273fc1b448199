package dev.agentruntime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.model.RunControlRequest;
import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.client.model.RunPageResponse;
import dev.agentruntime.client.model.RunResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentctl runs}: list, read, follow and control runs ({@code runs start} is {@link
 * RunStartCommand}).
 */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "Start, list, read, follow and control runs.",
    subcommands = RunStartCommand.class)
final class RunsCommand {

  /** A page of the JSON timeline holds at most this many events (docs/api.md). */
  static final int EVENTS_PAGE = 1000;

  @Spec CommandSpec spec;

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The tenant's runs, newest first.")
  int list(
      @Option(
              names = "--status",
              paramLabel = "S",
              split = ",",
              description = "Only these statuses.")
          List<String> status,
      @Option(
              names = "--agent",
              paramLabel = "AGENT",
              description = "Only this agent's (name or id).")
          String agent,
      @Option(
              names = "--limit",
              paramLabel = "N",
              defaultValue = "20",
              description = "At most N runs (default ${DEFAULT-VALUE}).")
          int limit,
      @Mixin OutputOptions output)
      throws ApiException {
    Session session = AgentCtl.root(spec).session();
    UUID agentId = agent == null ? null : Lookups.uuidOrNull(agent);
    String agentName = agentId == null ? agent : null;
    ArrayNode items = Session.TREES.createArrayNode();
    Table table = RunViews.listTable();
    String cursor = null;
    do {
      String after = cursor;
      int size = Math.min(100, limit - items.size());
      RunPageResponse page =
          session.read(
              () ->
                  session
                      .client()
                      .runs()
                      .listRuns(
                          agentId, agentName, null, null, after, size, null, null, null, null,
                          status));
      JsonNode raw = session.lastTree().path("items");
      for (int i = 0; i < page.getItems().size() && items.size() < limit; i++) {
        items.add(raw.get(i));
        RunViews.row(table, page.getItems().get(i));
      }
      cursor = page.getNextCursor();
    } while (cursor != null && items.size() < limit);
    if (output.json()) {
      session.printJson(items);
    } else {
      table.print(session.out());
    }
    return ExitCode.OK;
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "One run: its status, steps, tokens and answer.")
  int get(@Parameters(paramLabel = "RUN") String run, @Mixin OutputOptions output)
      throws ApiException {
    Session session = AgentCtl.root(spec).session();
    UUID id = Lookups.uuid(run, "RUN");
    RunResponse found = session.read(() -> session.client().runs().getRun(id, null));
    if (output.json()) {
      session.printLastJson();
    } else {
      RunViews.detail(session.out(), found);
    }
    return ExitCode.OK;
  }

  @Command(
      name = "events",
      mixinStandardHelpOptions = true,
      description = "The run's timeline; with --follow live until it ends, resuming after drops.")
  int events(
      @Parameters(paramLabel = "RUN") String run,
      @Option(
              names = {"-f", "--follow"},
              description = "Stream the events until the run ends.")
          boolean follow,
      @Option(names = "--after", paramLabel = "SEQ", description = "Only events after this seq.")
          Integer after,
      @Option(
              names = "--give-up-after",
              paramLabel = "SECONDS",
              defaultValue = "300",
              description =
                  "With --follow: fail when the API is unreachable this long (default ${DEFAULT-VALUE}).")
          long giveUpAfter,
      @Mixin OutputOptions output)
      throws ApiException {
    Session session = AgentCtl.root(spec).session();
    UUID id = Lookups.uuid(run, "RUN");
    if (follow) {
      follow(session, id, after, Duration.ofSeconds(giveUpAfter), output.json());
      return ExitCode.OK;
    }
    ArrayNode all = Session.TREES.createArrayNode();
    Integer from = after;
    while (true) {
      Integer afterSeq = from;
      List<RunEventResponse> page =
          session.read(() -> session.client().runs().listRunEvents(id, afterSeq, null));
      session.lastTree().forEach(all::add);
      page.forEach(
          e -> {
            if (!output.json()) {
              session.out().println(RunViews.eventLine(e));
            }
          });
      if (page.size() < EVENTS_PAGE) {
        break;
      }
      from = page.get(page.size() - 1).getSeq();
    }
    if (output.json()) {
      session.printJson(all);
    }
    return ExitCode.OK;
  }

  /** Prints the run's events until its terminal one: lines for people, or one JSON per line. */
  static void follow(Session session, UUID id, Integer after, Duration giveUpAfter, boolean json)
      throws ApiException {
    new EventFollower(session, giveUpAfter, d -> Thread.sleep(d.toMillis()))
        .follow(
            id,
            after,
            (event, raw) -> {
              session.out().println(json ? raw : RunViews.eventLine(event));
              session.out().flush();
            });
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel the run (idempotent).")
  int cancel(@Parameters(paramLabel = "RUN") String run, @Mixin ControlOptions options)
      throws ApiException {
    return control(run, options, "cancel");
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Hold the run at its next step boundary.")
  int pause(@Parameters(paramLabel = "RUN") String run, @Mixin ControlOptions options)
      throws ApiException {
    return control(run, options, "pause");
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Let a paused run go on.")
  int resume(@Parameters(paramLabel = "RUN") String run, @Mixin ControlOptions options)
      throws ApiException {
    return control(run, options, "resume");
  }

  /** {@code --reason} and {@code -o} of cancel, pause and resume. */
  static final class ControlOptions {
    @Option(names = "--reason", paramLabel = "R", description = "Why (recorded with the actor).")
    String reason;

    @Mixin OutputOptions output;
  }

  private int control(String run, ControlOptions options, String action) throws ApiException {
    Session session = AgentCtl.root(spec).session();
    UUID id = Lookups.uuid(run, "RUN");
    RunControlRequest body =
        options.reason == null ? null : new RunControlRequest().reason(options.reason);
    RunResponse answered =
        session.write(
            () ->
                switch (action) {
                  case "cancel" -> session.client().runs().cancelRun(id, body);
                  case "pause" -> session.client().runs().pauseRun(id, body);
                  default -> session.client().runs().resumeRun(id, body);
                });
    if (options.output.json()) {
      session.printLastJson();
    } else {
      Table table = RunViews.listTable();
      RunViews.row(table, answered);
      table.print(session.out());
    }
    return ExitCode.OK;
  }
}
