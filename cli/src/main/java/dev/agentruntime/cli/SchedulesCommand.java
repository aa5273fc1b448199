package dev.agentruntime.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.model.SchedulePageResponse;
import dev.agentruntime.client.model.ScheduleResponse;
import dev.agentruntime.client.model.ScheduleState;
import dev.agentruntime.client.model.ScheduleTiming;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentctl schedules list|get}: the tenant's schedules. */
@Command(
    name = "schedules",
    mixinStandardHelpOptions = true,
    description = "The tenant's schedules.")
final class SchedulesCommand {

  @Spec CommandSpec spec;

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every schedule, by name.")
  int list(@Mixin OutputOptions output) throws ApiException {
    Session session = AgentCtl.root(spec).session();
    ArrayNode items = Session.TREES.createArrayNode();
    Table table = new Table("NAME", "ID", "AGENT", "VERSION", "TIMING", "OVERLAP");
    String cursor = null;
    do {
      String after = cursor;
      SchedulePageResponse page =
          session.read(() -> session.client().schedules().listSchedules(after, 100));
      session.lastTree().path("items").forEach(items::add);
      for (ScheduleResponse s : page.getItems()) {
        table.row(
            s.getName(),
            s.getId(),
            s.getAgentName(),
            s.getVersion(),
            timing(s.getTiming()),
            s.getOverlap());
      }
      cursor = page.getNextCursor();
    } while (cursor != null);
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
      description = "One schedule (id or name), with Temporal's state.")
  int get(@Parameters(paramLabel = "SCHEDULE") String schedule, @Mixin OutputOptions output)
      throws ApiException {
    Session session = AgentCtl.root(spec).session();
    UUID id = scheduleId(session, schedule);
    ScheduleResponse s = session.read(() -> session.client().schedules().getSchedule(id));
    if (output.json()) {
      session.printLastJson();
      return ExitCode.OK;
    }
    ScheduleState state = s.getState();
    new Table("FIELD", "VALUE")
        .row("name", s.getName())
        .row("id", s.getId())
        .row("agent", s.getAgentName() + (s.getVersion() == null ? "" : " v" + s.getVersion()))
        .row("timing", timing(s.getTiming()))
        .row("overlap", s.getOverlap())
        .row("input", s.getInput())
        .row("paused", state == null ? null : state.getPaused())
        .row("nextFires", state == null ? null : state.getNextFireTimes())
        .row("fires", state == null ? null : state.getFires())
        .row("created", s.getCreatedAt() + " by " + s.getCreatedBy())
        .print(session.out());
    return ExitCode.OK;
  }

  private static UUID scheduleId(Session session, String nameOrId) throws ApiException {
    UUID id = Lookups.uuidOrNull(nameOrId);
    if (id != null) {
      return id;
    }
    String cursor = null;
    do {
      String after = cursor;
      SchedulePageResponse page =
          session.read(() -> session.client().schedules().listSchedules(after, 100));
      for (ScheduleResponse s : page.getItems()) {
        if (nameOrId.equals(s.getName())) {
          return s.getId();
        }
      }
      cursor = page.getNextCursor();
    } while (cursor != null);
    throw new CliFailure(ExitCode.NOT_FOUND, "no schedule named " + nameOrId + " in the tenant");
  }

  private static String timing(ScheduleTiming t) {
    if (t == null) {
      return null;
    }
    String what = t.getCron() != null ? "cron " + t.getCron() : "every " + t.getInterval();
    return what + (t.getTimeZone() == null ? "" : " " + t.getTimeZone());
  }
}
