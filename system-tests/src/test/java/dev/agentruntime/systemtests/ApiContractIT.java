package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.client.api.AgentsApi;
import dev.agentruntime.client.model.CreateAgentRequest;
import dev.agentruntime.standalone.DemoScenario;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.testkit.Schemathesis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged API against its own OpenAPI document: schemathesis ({@code scripts/api-contract.sh})
 * fuzzes every operation with every check it has (server errors, undocumented statuses, response
 * schemas and headers, schema-valid requests refused, schema-invalid requests accepted, auth
 * ignored, one tenant reading another's objects, deleted resources still served, ...) and this test
 * fails on any failure it reports. The whole report is in {@code
 * target/api-contract/schemathesis-output.txt}, with JUnit XML and NDJSON event reports beside it.
 */
@ExtendWith(E2EStack.class)
class ApiContractIT {

  /**
   * The agent each seeded tenant holds, with a version and a finished run to read back; the API
   * document's example run request names it, so the example phase admits real runs.
   */
  private static final String AGENT = "support-triage";

  // Every role, so no operation is refused for want of one and all of them get fuzzed.
  private static final Set<String> EVERY_ROLE =
      Set.of("platform-admin", "agent-admin", "runner", "viewer");

  // The peer is a user of another tenant with every role a tenant grants: a platform admin may
  // read any tenant's policy or deletion receipt by design, which would be no finding.
  private static final Set<String> TENANT_ROLES = Set.of("agent-admin", "runner", "viewer");
  // The run takes about half a minute here; the margin is for a loaded CI machine.
  private static final Duration CONTRACT_TIMEOUT = Duration.ofMinutes(5);
  private static final Path REPORT_DIR = Path.of("target/api-contract");

  @Test
  void theApiKeepsItsOpenApiContractUnderEverySchemathesisCheck() {
    Stack stack = E2EStack.stack();
    E2ETenant tenant = seededTenant(stack);
    // A second tenant with objects of its own: schemathesis replays the first tenant's reads as
    // this one (object_level_authorization), which must get 404s, never the first one's data.
    E2ETenant peer = seededTenant(stack);

    SchemathesisRun run =
        SchemathesisRun.start(
            Path.of(System.getProperty("agent-runtime.scripts.dir"), "api-contract.sh"),
            stack.apiUrl(),
            everyRoleToken(stack, tenant.tenant),
            Map.of(
                "ST",
                Schemathesis.locateCli().toString(),
                "API_CONTRACT_PEER_TOKEN",
                stack
                    .tokens()
                    .mint("peer-" + peer.tenant, peer.tenant, TENANT_ROLES, Duration.ofHours(1)),
                "API_CONTRACT_REPORT_DIR",
                REPORT_DIR.toAbsolutePath().toString()),
            REPORT_DIR.resolve("schemathesis-output.txt").toAbsolutePath(),
            CONTRACT_TIMEOUT);

    // Reported whether it passes or not: how much the run exercised, and how fast.
    System.out.printf(
        "ApiContractIT: schemathesis sent %s requests in %.1f s (%d failures, exit code %d); "
            + "runs it got admitted: %d; output in %s%n",
        run.requests().isPresent()
            ? Long.toString(run.requests().getAsLong())
            : "an unknown number of",
        run.elapsed().toMillis() / 1000.0,
        run.failures(),
        run.exitCode(),
        tenant.runIds().size() - 1, // less the seeded one
        run.outputFile());
    assertThat(run.exitCode()).withFailMessage(() -> failureMessage(run)).isZero();
  }

  /**
   * A fresh tenant holding {@link #AGENT} with a published version on the offline demo model, and
   * one run of it that has finished, so runs, events and artifacts have real rows to read back.
   */
  private static E2ETenant seededTenant(Stack stack) {
    String tenant = E2ETenant.newTenant(stack).tenant;
    E2ETenant api = E2ETenant.withToken(stack, tenant, everyRoleToken(stack, tenant));
    AgentsApi agents = api.client().agents();
    UUID agentId =
        E2ETenant.call(
                () ->
                    agents.createAgent(
                        new CreateAgentRequest()
                            .name(AGENT)
                            .description("Seeded by ApiContractIT")))
            .getId();
    E2ETenant.call(() -> agents.publishVersion(agentId, DemoScenario.versionRequest()));
    String runId = api.startRun(AGENT, "Seed run of " + tenant);
    assertThat(api.awaitEnd(runId, Duration.ofSeconds(60)).getStatus().getValue())
        .isEqualTo("succeeded");
    return api;
  }

  private static String everyRoleToken(Stack stack, String tenant) {
    return stack.tokens().mint("contract-" + tenant, tenant, EVERY_ROLE, Duration.ofHours(1));
  }

  private static String failureMessage(SchemathesisRun run) {
    List<String> failures = run.failureDigest();
    return String.format(
        "schemathesis found %d failures (exit code %d); full report: %s%n%n%s%n%n"
            + "Failing test cases (%d):%n%n%s%n",
        run.failures(),
        run.exitCode(),
        run.outputFile(),
        run.summary(),
        failures.size(),
        String.join("\n\n", failures));
  }
}
