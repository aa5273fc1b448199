package dev.agentruntime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.RunStatuses;
import dev.agentruntime.client.model.CreateRunRequest;
import dev.agentruntime.client.model.RunResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentctl runs start AGENT}: admits a run under an idempotency key (a fresh UUID unless
 * given), so that a retried start never makes a second run; with {@code --wait} or {@code
 * --follow}, exits 1 when the run does not succeed.
 */
@Command(
    name = "start",
    description = "Start a run of AGENT (name or id); --wait or --follow until it ends.")
final class RunStartCommand implements Callable<Integer> {

  /** The longest long poll the API allows (under the gateway's read timeout). */
  static final int WAIT_SECONDS = 50;

  static final class Input {
    @Option(
        names = "--input-file",
        paramLabel = "FILE",
        description = "The input, a JSON object, from FILE; - reads stdin.")
    String file;

    @Option(names = "--input", paramLabel = "JSON", description = "The input, a JSON object.")
    String json;

    @Option(
        names = "--message",
        paramLabel = "TEXT",
        description = "The input {\"message\": TEXT}.")
    String message;
  }

  static final class Target {
    @Option(
        names = "--version",
        paramLabel = "N",
        description = "This version (default: the latest).")
    Integer version;

    @Option(names = "--alias", paramLabel = "A", description = "The version alias A points at.")
    String alias;
  }

  @Parameters(paramLabel = "AGENT")
  String agent;

  // Not mixinStandardHelpOptions: its --version would be the agent's version's.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @ArgGroup(exclusive = true)
  Input input;

  @ArgGroup(exclusive = true)
  Target target;

  @Option(
      names = "--routing-key",
      paramLabel = "K",
      description = "With --alias: keeps K on one side of a canary split.")
  String routingKey;

  @Option(
      names = "--idempotency-key",
      paramLabel = "K",
      description =
          "The start's Idempotency-Key (default: a fresh UUID); the same key and input answer the same run.")
  String idempotencyKey;

  @Option(names = "--wait", description = "Wait for the run's end; exit 1 unless it succeeded.")
  boolean waitForEnd;

  @Option(
      names = {"-f", "--follow"},
      description = "Stream the run's events until it ends; exit 1 unless it succeeded.")
  boolean follow;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "With --wait: give up after this long (exit 8); default: no limit.")
  Long timeout;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the run's id (for scripts: RUN=$(agentctl runs start ... -q)).")
  boolean quiet;

  @Mixin OutputOptions output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws ApiException {
    Session session = AgentCtl.root(spec).session();
    CreateRunRequest request = new CreateRunRequest().input(input(session));
    UUID agentId = Lookups.uuidOrNull(agent);
    if (agentId != null) {
      request.agentId(agentId);
    } else {
      request.agentName(agent);
    }
    if (target != null) {
      request.version(target.version).alias(target.alias);
    }
    request.routingKey(routingKey);
    String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    // Idempotent under its key: a 429 or 503 is retried, and a lost answer cannot make two runs.
    RunResponse run = session.read(() -> session.client().runs().startRun(request, key));
    UUID id = run.getId();
    if (quiet) {
      session.out().println(id);
    }
    if (!waitForEnd && !follow) {
      if (quiet) {
        return ExitCode.OK;
      } else if (output.json()) {
        session.printLastJson();
      } else {
        RunViews.detail(session.out(), run);
      }
      return ExitCode.OK;
    }
    session.err().println("run " + id + " " + run.getStatus().getValue());
    if (follow) {
      RunsCommand.follow(session, id, null, Duration.ofMinutes(5), output.json());
    }
    RunResponse ended = awaitEnd(session, id);
    if (follow || quiet) {
      session.err().println("run " + id + " " + ended.getStatus().getValue() + reason(ended));
    } else if (output.json()) {
      session.printLastJson();
    } else {
      RunViews.detail(session.out(), ended);
    }
    return ended.getStatus() == RunResponse.StatusEnum.SUCCEEDED
        ? ExitCode.OK
        : ExitCode.RUN_NOT_SUCCEEDED;
  }

  private RunResponse awaitEnd(Session session, UUID id) throws ApiException {
    Instant deadline = timeout == null ? null : Instant.now().plusSeconds(timeout);
    while (true) {
      int wait = WAIT_SECONDS;
      if (deadline != null) {
        long left = Duration.between(Instant.now(), deadline).toSeconds();
        if (left <= 0) {
          throw new CliFailure(
              ExitCode.UNAVAILABLE, "run " + id + " did not end within " + timeout + " s");
        }
        wait = (int) Math.min(WAIT_SECONDS, left);
      }
      int seconds = wait;
      RunResponse run = session.read(() -> session.client().runs().getRun(id, seconds));
      if (RunStatuses.isTerminal(run)) {
        return run;
      }
    }
  }

  private static String reason(RunResponse run) {
    return run.getStatusReason() == null ? "" : ": " + run.getStatusReason();
  }

  private ObjectNode input(Session session) {
    String text;
    if (input == null) {
      return Session.TREES.createObjectNode();
    } else if (input.message != null) {
      return Session.TREES.createObjectNode().put("message", input.message);
    } else if (input.json != null) {
      text = input.json;
    } else {
      try {
        text =
            input.file.equals("-")
                ? new String(
                    AgentCtl.root(spec).context.in().readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(input.file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw CliFailure.usage("cannot read the input " + input.file + ": " + e.getMessage());
      }
    }
    JsonNode parsed;
    try {
      parsed = session.json().readTree(text);
    } catch (IOException e) {
      throw CliFailure.usage("the input is not JSON: " + Problems.oneLine(e.getMessage()));
    }
    if (parsed == null || !parsed.isObject()) {
      throw CliFailure.usage("the input must be a JSON object");
    }
    return (ObjectNode) parsed;
  }
}
