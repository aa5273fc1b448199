package dev.agentruntime.cli;

import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.model.UsageGroup;
import dev.agentruntime.client.model.UsageResponse;
import dev.agentruntime.client.model.UsageTotals;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agentctl usage}: model calls, tokens and cost over a time range, grouped. */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description =
        "Model calls, tokens and cost of the tenant over a range (default: the last 24 h).")
final class UsageCommand implements Callable<Integer> {

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description = "Start, inclusive (RFC 3339); default: 24 h ago.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "End, exclusive (RFC 3339); default: now.")
  String to;

  @Option(
      names = "--group-by",
      paramLabel = "BY",
      defaultValue = "model",
      description = "agent, model (default) or day.")
  String groupBy;

  @Option(names = "--tenant", paramLabel = "T", description = "A platform-admin names the tenant.")
  String tenant;

  @Mixin OutputOptions output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws ApiException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
    OffsetDateTime end = to == null ? now.plusMinutes(1) : time(to, "--to");
    OffsetDateTime start = from == null ? end.minusDays(1) : time(from, "--from");
    Session session = AgentCtl.root(spec).session();
    UsageResponse usage =
        session.read(() -> session.client().usage().getUsage(start, end, groupBy, tenant));
    if (output.json()) {
      session.printLastJson();
      return ExitCode.OK;
    }
    Table table =
        new Table(groupBy.toUpperCase(java.util.Locale.ROOT), "CALLS", "INPUT", "OUTPUT", "COST");
    for (UsageGroup group : usage.getGroups()) {
      row(table, group.getKey(), group.getTotals(), usage.getCurrency());
    }
    row(table, "total", usage.getTotal(), usage.getCurrency());
    table.print(session.out());
    return ExitCode.OK;
  }

  private static void row(Table table, String key, UsageTotals t, String currency) {
    table.row(
        key,
        t.getCalls(),
        t.getInputTokens(),
        t.getOutputTokens(),
        t.getCost() == null ? null : t.getCost().toPlainString() + " " + currency);
  }

  private static OffsetDateTime time(String value, String option) {
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw CliFailure.usage(option + " must be an RFC 3339 time (2026-01-31T00:00:00Z): " + value);
    }
  }
}
