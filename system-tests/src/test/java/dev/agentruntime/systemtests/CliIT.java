package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.client.model.RetrySpec;
import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.standalone.Stack;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * agentctl (docs/cli.md) on the end-to-end stack, run as a process from its packaged jar: every
 * command group, its exit codes, {@code -o json}, and a follow across an API killed and restarted
 * (the documented sessions: {@link CliDocsIT}).
 */
@ExtendWith(E2EStack.class)
class CliIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** agentctl signed in (login --token) as {@code tenant}, in a config file of its own. */
  private Agentctl signedIn(E2ETenant tenant) {
    Agentctl cli = new Agentctl(dir.resolve("config").resolve("config.json"), dir);
    Agentctl.Result login =
        cli.run("login", "--api", E2EStack.stack().apiUrl(), "--token", tenant.token());
    assertThat(login.exitCode()).as(login.toString()).isZero();
    return cli;
  }

  @Test
  void loginWhoamiAndAgentsAsCode() throws Exception {
    E2ETenant tenant = E2ETenant.newTenant(E2EStack.stack());
    Agentctl cli = signedIn(tenant);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.config())))
        .isEqualTo("rw-------");
    Agentctl.Result whoami = ok(cli.run("whoami"));
    assertThat(whoami.out())
        .containsPattern("tenant\\s+" + tenant.tenant)
        .containsPattern("subject\\s+" + tenant.tenant + "-admin")
        .contains("agent-admin")
        .containsPattern("checked\\s+GET /v1/runs\\?limit=1: ok");

    Path files = Files.createDirectories(dir.resolve("agents"));
    writeAgentFile(files, "Store the user's message as an artifact, then answer.");
    assertThat(ok(cli.run("agents", "diff", "-f", files.toString())).out())
        .containsPattern("notes.json\\s+cli-notes\\s+created\\s+1\\s+prod created - -> v1");
    assertThat(ok(cli.run("agents", "apply", "-f", files.toString())).out()).contains("created");
    JsonNode again = json(ok(cli.run("agents", "apply", "-f", files.toString(), "-o", "json")));
    assertThat(again.at("/changes/0/action").asText()).isEqualTo("unchanged");
    assertThat(json(ok(cli.run("agents", "list", "-o", "json"))).findValuesAsText("name"))
        .containsExactly("cli-notes");

    writeAgentFile(files, "Store the message, then answer briefly.");
    assertThat(ok(cli.run("agents", "diff", "-f", files.toString())).out()).contains("new_version");
    ok(cli.run("agents", "apply", "-f", files.toString()));
    assertThat(json(ok(cli.run("versions", "list", "cli-notes", "-o", "json")))).hasSize(2);
    JsonNode v2 = json(ok(cli.run("versions", "get", "cli-notes", "2", "-o", "json")));
    assertThat(v2.at("/spec/instructions").asText())
        .isEqualTo("Store the message, then answer briefly.");
    assertThat(ok(cli.run("versions", "get", "cli-notes", "2")).out())
        .contains("\"instructions\" :");

    JsonNode alias =
        json(
            ok(
                cli.run(
                    "aliases",
                    "set",
                    "cli-notes",
                    "prod",
                    "1",
                    "--canary",
                    "2",
                    "--weight",
                    "10",
                    "-o",
                    "json")));
    assertThat(alias.at("/canary/version").asInt()).isEqualTo(2);
    int revision = alias.get("revision").asInt();
    assertThat(
            json(ok(cli.run("aliases", "list", "cli-notes", "-o", "json")))
                .get(0)
                .get("revision")
                .asInt())
        .isEqualTo(revision);
    Agentctl.Result stale =
        cli.run(
            "aliases",
            "set",
            "cli-notes",
            "prod",
            "2",
            "--if-revision",
            String.valueOf(revision - 1));
    assertThat(stale.exitCode()).as(stale.toString()).isEqualTo(6);
    assertThat(stale.err()).matches("error: 412 [^\\n]*\\(type precondition-failed\\)\\n");
    ok(
        cli.run(
            "aliases", "set", "cli-notes", "prod", "2", "--if-revision", String.valueOf(revision)));

    Path exported = dir.resolve("exported");
    ok(cli.run("agents", "export", "cli-notes", "-d", exported.toString()));
    try (var listing = Files.list(exported)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("cli-notes@1.json", "cli-notes@2.json");
    }
    JsonNode plan = json(ok(cli.run("agents", "diff", "-f", exported.toString(), "-o", "json")));
    assertThat(plan.findValuesAsText("action")).containsOnly("unchanged");
    Agentctl.Result refused = cli.run("agents", "apply", "-f", writeBadFile().toString());
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(7);
    assertThat(refused.err()).startsWith("error: 422 ").contains("(type invalid-agent-files)");
  }

  @Test
  void runsStartWaitExitsBySucceededFailedAndCancelled() throws Exception {
    E2ETenant tenant = E2ETenant.newTenant(E2EStack.stack());
    String model = E2EStack.model().baseUrl();
    tenant.createAgentWithDefaults("ok", model);
    tenant.createAgent(
        "broken",
        E2ETenant.notesSpec("http://127.0.0.1:" + Ports.free() + "/v1", false)
            .retry(
                new RetrySpec()
                    .maxAttempts(1)
                    .initialIntervalMillis(200L)
                    .backoffCoefficient(new BigDecimal("1.5"))
                    .maxIntervalMillis(1000L)
                    .attemptTimeoutSeconds(5)));
    tenant.createGatedAgent("gated", model);
    Agentctl cli = signedIn(tenant);

    Agentctl.Result succeeded = cli.run("runs", "start", "ok", "--message", "hello", "--wait");
    assertThat(succeeded.exitCode()).as(succeeded.toString()).isZero();
    assertThat(succeeded.out()).containsPattern("status\\s+succeeded");

    Agentctl.Result failed =
        cli.run("runs", "start", "broken", "--message", "hi", "--wait", "-o", "json");
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    assertThat(json(failed).get("status").asText()).isEqualTo("failed");

    Path out = dir.resolve("gated.out");
    Path err = dir.resolve("gated.err");
    Process waiting =
        cli.start(out, err, null, "runs", "start", "gated", "--message", "x", "--wait", "-q");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.readString(out).strip().length() == 36);
    String runId = Files.readString(out).strip();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "waiting_for_approval".equals(tenant.run(runId).getStatus().getValue()));
    assertThat(
            json(ok(cli.run("runs", "pause", runId, "-o", "json")))
                .at("/controlRequested/action")
                .asText())
        .isEqualTo("pause");
    ok(cli.run("runs", "resume", runId, "--reason", "go on"));
    ok(cli.run("runs", "cancel", runId, "--reason", "changed my mind"));
    assertThat(waiting.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(waiting.exitValue()).as(Files.readString(err)).isEqualTo(1);
    assertThat(Files.readString(err)).contains("run " + runId + " cancelled");
    assertThat(json(ok(cli.run("runs", "get", runId, "-o", "json"))).get("status").asText())
        .isEqualTo("cancelled");
    assertThat(
            json(ok(cli.run("runs", "list", "--status", "cancelled", "-o", "json")))
                .findValuesAsText("id"))
        .containsExactly(runId);
    assertThat(ok(cli.run("runs", "list")).out())
        .contains(runId)
        .containsPattern("ok\\s+1\\s+succeeded");

    String first =
        json(ok(
                cli.run(
                    "runs",
                    "start",
                    "ok",
                    "--message",
                    "once",
                    "--idempotency-key",
                    "k-1",
                    "-o",
                    "json")))
            .get("id")
            .asText();
    String second =
        json(ok(
                cli.run(
                    "runs",
                    "start",
                    "ok",
                    "--message",
                    "once",
                    "--idempotency-key",
                    "k-1",
                    "-o",
                    "json")))
            .get("id")
            .asText();
    assertThat(second).isEqualTo(first);
    JsonNode fromStdin =
        json(
            ok(
                cli.runWithStdin(
                    "{\"message\":\"from stdin\"}",
                    "runs",
                    "start",
                    "ok",
                    "--input-file",
                    "-",
                    "-o",
                    "json")));
    assertThat(fromStdin.at("/input/message").asText()).isEqualTo("from stdin");
    Agentctl.Result notAnObject = cli.run("runs", "start", "ok", "--input", "[1]");
    assertThat(notAnObject.exitCode()).isEqualTo(2);
  }

  @Test
  void followSurvivesAnApiRestartAndTheApprovalBindsToTheShownHash() throws Exception {
    Stack stack = E2EStack.stack();
    E2ETenant tenant = E2ETenant.newTenant(stack);
    tenant.createGatedAgent("gated", E2EStack.model().baseUrl());
    Agentctl cli = signedIn(tenant);
    String runId =
        ok(cli.run("runs", "start", "gated", "--message", "approve me", "-q")).out().strip();

    Path out = dir.resolve("follow.out");
    Path err = dir.resolve("follow.err");
    Process follow = cli.start(out, err, null, "runs", "events", runId, "--follow", "-o", "json");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.readString(out).contains("approval.requested"));
    stack.killApi();
    stack.startApi();

    JsonNode pending = json(ok(cli.run("approvals", "list", "--status", "pending", "-o", "json")));
    assertThat(pending).hasSize(1);
    String approvalId = pending.get(0).get("id").asText();
    String listedHash = pending.get(0).get("argumentsSha256").asText();
    Agentctl.Result shown = ok(cli.run("approvals", "show", runId, approvalId));
    Matcher hash = Pattern.compile("argumentsSha256\\s+([0-9a-f]{64})").matcher(shown.out());
    assertThat(hash.find()).as(shown.toString()).isTrue();
    assertThat(hash.group(1)).isEqualTo(listedHash);
    assertThat(shown.out())
        .contains("tool             write_artifact")
        .contains("\"content\" : \"approve me\"");

    Agentctl.Result wrong =
        cli.run("approvals", "approve", runId, approvalId, "--sha256", "0".repeat(64));
    assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(6);
    assertThat(wrong.err()).matches("error: 412 [^\\n]*\\(type approval-arguments-mismatch\\)\\n");
    Agentctl.Result approved =
        ok(
            cli.run(
                "approvals",
                "approve",
                runId,
                approvalId,
                "--sha256",
                hash.group(1),
                "--comment",
                "fine"));
    assertThat(approved.out()).contains("approved");

    assertThat(follow.waitFor(90, TimeUnit.SECONDS)).as(Files.readString(err)).isTrue();
    assertThat(follow.exitValue()).as(Files.readString(err)).isZero();
    List<Integer> printed = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      printed.add(JSON.readTree(line).get("seq").asInt());
    }
    List<Integer> timeline = tenant.events(runId).stream().map(RunEventResponse::getSeq).toList();
    assertThat(printed).isEqualTo(timeline);
    assertThat(printed).isEqualTo(IntStream.rangeClosed(1, printed.size()).boxed().toList());
    assertThat(JSON.readTree(Files.readAllLines(out).getLast()).get("type").asText())
        .isEqualTo("run.succeeded");
    assertThat(Files.readString(err)).contains("resuming after seq");

    JsonNode page = json(ok(cli.run("runs", "events", runId, "-o", "json")));
    assertThat(page.findValues("seq").stream().map(JsonNode::asInt).toList()).isEqualTo(timeline);
    assertThat(ok(cli.run("runs", "events", runId)).out().lines()).hasSize(timeline.size());
    assertThat(json(ok(cli.run("agents", "get", "gated", "-o", "json"))).get("name").asText())
        .isEqualTo("gated");
    JsonNode artifacts = json(ok(cli.run("artifacts", "list", runId, "-o", "json")));
    assertThat(artifacts.findValuesAsText("name")).contains("notes-1.txt");
    Path downloaded = dir.resolve("notes.txt");
    ok(cli.run("artifacts", "get", runId, "notes-1.txt", "-o", downloaded.toString()));
    byte[] expected =
        Files.readAllBytes(
            E2ETenant.call(
                    () ->
                        tenant
                            .client()
                            .runs()
                            .getArtifactContent("notes-1.txt", UUID.fromString(runId)))
                .toPath());
    assertThat(Files.readAllBytes(downloaded)).isEqualTo(expected);
    assertThat(ok(cli.run("artifacts", "get", runId, "notes-1.txt")).out())
        .isEqualTo(new String(expected));

    E2ETenant other = E2ETenant.newTenant(stack);
    Agentctl stranger =
        new Agentctl(dir.resolve("none.json"), dir)
            .env("AGENTCTL_API", stack.apiUrl())
            .env("AGENTCTL_TOKEN", other.token());
    Agentctl.Result notFound = stranger.run("runs", "get", runId);
    assertThat(notFound.exitCode()).as(notFound.toString()).isEqualTo(5);
    assertThat(notFound.err()).startsWith("error: 404 ").doesNotContain("\n\n");
    assertThat(json(ok(stranger.run("runs", "list", "-o", "json")))).isEmpty();
    assertThat(stranger.run("artifacts", "get", runId, "notes-1.txt").exitCode()).isEqualTo(5);
    assertThat(
            stranger
                .run("approvals", "approve", runId, approvalId, "--sha256", listedHash)
                .exitCode())
        .isEqualTo(5);
  }

  @Test
  void schedulesWebhooksAndUsageAnswerTablesAndJson() throws Exception {
    E2ETenant tenant = E2ETenant.newTenant(E2EStack.stack());
    tenant.createAgentWithDefaults("ok", E2EStack.model().baseUrl());
    tenant.createSchedule(E2ETenant.schedule("ok", "PT1H", "hourly"));
    Agentctl cli = signedIn(tenant);
    ok(cli.run("runs", "start", "ok", "--message", "spend", "--wait"));

    JsonNode schedules = json(ok(cli.run("schedules", "list", "-o", "json")));
    assertThat(schedules.findValuesAsText("name")).containsExactly("ok-pt1h");
    assertThat(ok(cli.run("schedules", "get", "ok-pt1h")).out())
        .containsPattern("timing\\s+every PT1H");
    assertThat(json(ok(cli.run("webhooks", "list", "-o", "json")))).isEmpty();
    assertThat(ok(cli.run("usage", "--group-by", "agent")).out())
        .containsPattern("\\nok\\s+\\d+")
        .contains("total");
    JsonNode usage = json(ok(cli.run("usage", "--group-by", "agent", "-o", "json")));
    assertThat(usage.get("tenant").asText()).isEqualTo(tenant.tenant);
    assertThat(usage.at("/groups/0/key").asText()).isEqualTo("ok");
    assertThat(ok(cli.run("completion", "bash")).out()).contains("complete -F");
    assertThat(ok(cli.run("completion", "zsh")).out()).contains("bashcompinit");
  }

  private void writeAgentFile(Path files, String instructions) throws IOException {
    Files.writeString(
        files.resolve("notes.json"),
        """
        {"apiVersion": "agent-runtime/v1", "kind": "Agent", "name": "cli-notes",
         "spec": {"model": {"provider": "openai", "name": "fake-gpt", "baseUrl": "%s"},
                  "instructions": "%s",
                  "tools": [{"name": "write_artifact", "kind": "write_artifact"}]},
         "aliases": {"prod": {"version": "this"}}}
        """
            .formatted(E2EStack.model().baseUrl(), instructions));
  }

  private Path writeBadFile() throws IOException {
    Path bad = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(
        bad.resolve("bad.json"),
        "{\"apiVersion\": \"agent-runtime/v1\", \"kind\": \"Agent\", \"name\": \"bad\","
            + " \"spec\": {\"model\": {\"provider\": \"nobody\"}}}");
    return bad;
  }

  private static Agentctl.Result ok(Agentctl.Result result) {
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result;
  }

  private static JsonNode json(Agentctl.Result result) throws IOException {
    return JSON.readTree(result.out());
  }
}
