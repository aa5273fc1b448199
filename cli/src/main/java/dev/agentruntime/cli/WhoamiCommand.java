package dev.agentruntime.cli;

import dev.agentruntime.client.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentctl whoami}: who the token says its holder is, then one call the holder's roles
 * allow, so that a token the API does not accept (expired, another issuer) shows here and not
 * later.
 */
@Command(
    name = "whoami",
    mixinStandardHelpOptions = true,
    description = "Show the token's subject, tenant, roles and expiry, and check it with the API.")
final class WhoamiCommand implements Callable<Integer> {

  @Option(
      names = "--tenant-claim",
      paramLabel = "CLAIM",
      defaultValue = "tenant",
      description = "The token's claim naming the tenant (default: ${DEFAULT-VALUE}).")
  String tenantClaim;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws ApiException {
    Session session = AgentCtl.root(spec).session();
    TokenClaims claims = TokenClaims.of(session.token(), tenantClaim);
    Table table = new Table("FIELD", "VALUE");
    table.row("api", session.apiUrl());
    table.row("subject", claims.subject());
    table.row("tenant", claims.tenant());
    table.row("roles", String.join(",", claims.roles()));
    table.row("expires", expiry(claims.expiresAt()));
    String check;
    if (claims.roles().contains("platform-admin")) {
      check = "GET /v1/tenants";
      session.read(() -> session.client().tenants().listTenants());
    } else if (claims.roles().stream()
        .anyMatch(r -> r.equals("viewer") || r.equals("runner") || r.equals("agent-admin"))) {
      check = "GET /v1/runs?limit=1";
      session.read(
          () ->
              session
                  .client()
                  .runs()
                  .listRuns(null, null, null, null, null, 1, null, null, null, null, null));
    } else {
      check = "GET /v1/approvals?limit=1";
      session.read(() -> session.client().approvals().listTenantApprovals(null, null, 1, null));
    }
    table.row("checked", check + ": ok");
    table.print(session.out());
    return ExitCode.OK;
  }

  private static String expiry(Instant expiresAt) {
    if (expiresAt == null) {
      return "never (no exp claim)";
    }
    Duration left = Duration.between(Instant.now(), expiresAt);
    String relative =
        left.isNegative() ? "expired " + human(left.negated()) + " ago" : "in " + human(left);
    return expiresAt + " (" + relative + ")";
  }

  private static String human(Duration d) {
    if (d.toDays() > 0) {
      return d.toDays() + "d" + d.toHoursPart() + "h";
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h" + d.toMinutesPart() + "m";
    }
    return d.toMinutes() + "m" + d.toSecondsPart() + "s";
  }
}
