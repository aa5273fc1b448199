package dev.agentruntime.standalone;

import dev.agentruntime.embedded.DevTokens;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * What the launcher hands a new user once the stack is up: the dev tokens, an {@code env.sh} that
 * sets the variables every example uses ({@code AR}, {@code ADMIN}, {@code TOKEN}, {@code
 * APPROVER}), and the printed guide with the first-run sequence. The sequence can be pasted again
 * on a kept home and does the same: the tenant's 409 is harmless, the agent is found through the
 * {@code Location} its 409 names, an unchanged version publishes nothing, the run's Idempotency-Key
 * answers the same run, and the status check waits for the run's end.
 */
final class StandaloneGuide {

  static final String USAGE =
      """
      usage: standalone.sh [--fresh] [--demo] [--exit] [--api-port N] [--worker-port N] [--help]

        --fresh          delete the data kept by earlier runs (PostgreSQL, Temporal, objects) first
        --demo           run the demo walk-through once the stack is up
        --exit           with --demo: stop the stack after it (exit code 0 when the run succeeded)
        --api-port N     the API's port (default 8080)
        --worker-port N  the worker's health and metrics port (default 8081)
        --help           print this and exit

      Environment: AGENT_RUNTIME_HOME (default .standalone) keeps the data, logs, dev tokens and
      env.sh; AGENT_RUNTIME_* addresses use real services instead of the embedded ones (README).
      """;

  /** The first-run sequence; {@code %1$s} is the env file, {@code %2$s} the version body. */
  static final String FIRST_RUN =
      """
      . %1$s   # AR (the API), ADMIN, TOKEN, APPROVER (dev tokens)
      curl -sS -X POST $AR/v1/tenants -H "Authorization: Bearer $ADMIN" \\
           -H 'Content-Type: application/json' -d '{"id":"demo","displayName":"Demo"}'; echo
      AGENT=$(curl -sS -o /dev/null -D - -X POST $AR/v1/agents -H "Authorization: Bearer $TOKEN" \\
           -H 'Content-Type: application/json' -d '{"name":"notes"}' \\
           | tr -d '\\r' | sed -n 's|^[Ll]ocation: .*/v1/agents/||p')
      curl -sS -X POST $AR/v1/agents/$AGENT/versions -H "Authorization: Bearer $TOKEN" \\
           -H 'Content-Type: application/json' -d @%2$s; echo
      RUN=$(curl -sS -X POST $AR/v1/runs -H "Authorization: Bearer $TOKEN" \\
           -H 'Content-Type: application/json' -H 'Idempotency-Key: my-first-run' \\
           -d '{"agentName":"notes","input":{"message":"Hello, durable world"}}' \\
           | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
      curl -sS "$AR/v1/runs/$RUN?waitSeconds=30" -H "Authorization: Bearer $TOKEN"; echo
      curl -sS $AR/v1/runs/$RUN/events -H "Authorization: Bearer $TOKEN"; echo
      curl -sS $AR/v1/runs/$RUN/artifacts -H "Authorization: Bearer $TOKEN"; echo
      curl -sS $AR/v1/runs/$RUN/artifacts/output/content -H "Authorization: Bearer $TOKEN"; echo
      """;

  private StandaloneGuide() {}

  /** Writes the dev tokens, valid for {@code ttl}, into {@code directory}. */
  static void writeTokens(DevTokens tokens, Path directory, Duration ttl) throws IOException {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("platform-admin.jwt"), tokens.platformAdmin(ttl));
    Files.writeString(
        directory.resolve(DemoScenario.TENANT + ".jwt"),
        tokens.tenantAdmin(DemoScenario.TENANT, ttl));
    // Approvals need the approver role, which the demo token does not have (docs/api.md#roles).
    Files.writeString(
        directory.resolve(DemoScenario.TENANT + "-approver.jwt"),
        tokens.mint(
            DemoScenario.TENANT + "-approver", DemoScenario.TENANT, Set.of("approver"), ttl));
    // The console's operator: every tenant role, so one sign-in can run, watch and approve.
    Files.writeString(
        directory.resolve(DemoScenario.TENANT + "-operator.jwt"),
        tokens.mint(
            DemoScenario.TENANT + "-operator",
            DemoScenario.TENANT,
            Set.of("agent-admin", "runner", "viewer", "approver"),
            ttl));
  }

  /**
   * Writes the console's sign-in link for the demo operator: the token rides in the fragment, which
   * the browser never sends to a server, and the console removes from the address at once.
   */
  static Path writeConsoleLink(String apiUrl, Path tokens) throws IOException {
    Path link = tokens.resolve("console.url");
    String token = Files.readString(tokens.resolve(DemoScenario.TENANT + "-operator.jwt")).trim();
    Files.writeString(link, consoleUrl(apiUrl) + "#token=" + token + "\n");
    return link;
  }

  static String consoleUrl(String apiUrl) {
    return apiUrl + "/console/";
  }

  /** Writes {@code env.sh}: what scripts and the docs' examples source to reach this stack. */
  static Path writeEnv(Path home, String apiUrl, Path tokens) throws IOException {
    Path env = home.resolve("env.sh");
    Files.writeString(
        env,
        """
        # Written by standalone.sh each time it starts: source it (. %1$s).
        AR='%2$s'
        ADMIN=$(cat '%3$s')
        TOKEN=$(cat '%4$s')
        APPROVER=$(cat '%5$s')
        """
            .formatted(
                env,
                apiUrl,
                tokens.resolve("platform-admin.jwt"),
                tokens.resolve(DemoScenario.TENANT + ".jwt"),
                tokens.resolve(DemoScenario.TENANT + "-approver.jwt")));
    return env;
  }

  static void print(
      PrintStream out,
      Stack stack,
      Duration startTime,
      Path tokens,
      Path env,
      Path versionBody,
      StandaloneHome home) {
    String api = stack.apiUrl();
    out.printf("%nAgent Runtime standalone is up (%.1f s).%n%n", startTime.toMillis() / 1000.0);
    out.printf(
        "  API         %s   (OpenAPI %s/q/openapi, Swagger UI %s/q/swagger-ui, log %s)%n",
        api, api, api, stack.api().log());
    out.printf(
        "  Console     %s   (signed in as tenant \"demo\"'s operator: open the link in %s)%n",
        consoleUrl(api), tokens.resolve("console.url"));
    out.printf(
        "  Worker      health http://127.0.0.1:%d/q/health   (log %s)%n",
        stack.worker().httpPort(), stack.worker().log());
    stack.infrastructure().description().forEach(line -> out.println("  " + line));
    out.printf(
        "%n  Kept in %s across restarts%s; --fresh starts clean.%n"
            + "  A worker or API that dies is restarted; if this launcher dies, its stack stops"
            + " with it.%n",
        home.data(),
        stack.infrastructure().temporalInMemory()
            ? " (except runs in flight: Temporal is in memory)"
            : "");
    out.printf(
        """

        Dev tokens (signed by a local key, valid 12 h; deployments use Keycloak instead):
          %1$s/platform-admin.jwt   role platform-admin (manages tenants)
          %1$s/demo.jwt             tenant "demo", roles agent-admin, runner, viewer
          %1$s/demo-approver.jwt    tenant "demo", role approver (decides approvals)
          %1$s/demo-operator.jwt    tenant "demo", every tenant role (the console's link)
        %2$s sets AR, ADMIN, TOKEN and APPROVER for scripts and the docs' examples.

        Try it from another terminal (the model is the offline demo provider, no LLM account needed;
        the sequence can be pasted again and answers the same run):
        """,
        tokens, env);
    FIRST_RUN.formatted(env, versionBody).lines().forEach(line -> out.println("  " + line));
    out.print(
        """

        examples/first-run.sh does the same in one command and prints the run's answer.

        To use a real model, publish a version whose "model" is, for example,
          {"provider":"ollama","name":"llama3.2","baseUrl":"http://localhost:11434"}
          {"provider":"openai","name":"gpt-4o-mini","apiKeyRef":"env:OPENAI_API_KEY"}
        (the operator grants the key to tenants; see docs/agent-spec.md and docs/security.md).

        Ctrl-C stops everything.
        """);
  }
}
