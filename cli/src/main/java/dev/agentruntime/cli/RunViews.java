package dev.agentruntime.cli;

import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.client.model.RunOutput;
import dev.agentruntime.client.model.RunResponse;
import java.io.PrintStream;

/** How runs and their events look to people. */
final class RunViews {

  private static final int PAYLOAD_WIDTH = 120;

  private RunViews() {}

  static Table listTable() {
    return new Table("ID", "AGENT", "VERSION", "STATUS", "CREATED", "STEPS", "TOKENS");
  }

  static void row(Table table, RunResponse run) {
    table.row(
        run.getId(),
        run.getAgentName(),
        run.getAgentVersion(),
        run.getStatus() == null ? null : run.getStatus().getValue(),
        run.getCreatedAt(),
        run.getSteps(),
        run.getTotalTokens());
  }

  static void detail(PrintStream out, RunResponse run) {
    Table table = new Table("FIELD", "VALUE");
    table.row("id", run.getId());
    table.row("agent", run.getAgentName() + " v" + run.getAgentVersion());
    if (run.getAlias() != null) {
      table.row("alias", run.getAlias());
    }
    table.row("status", run.getStatus() == null ? null : run.getStatus().getValue());
    table.row("statusReason", run.getStatusReason());
    table.row("created", run.getCreatedAt() + " by " + run.getCreatedBy());
    table.row("started", run.getStartedAt());
    table.row("finished", run.getFinishedAt());
    table.row("steps", run.getSteps());
    table.row("totalTokens", run.getTotalTokens());
    if (run.getControlRequested() != null) {
      table.row("controlRequested", run.getControlRequested().getAction());
    }
    table.print(out);
    RunOutput output = run.getOutput();
    if (output != null && output.getText() != null) {
      out.println("output (" + output.getContentType() + "):");
      out.println(output.getText());
    } else if (output != null) {
      out.println("output: " + output.getSizeBytes() + " bytes at " + output.getHref());
    }
  }

  /** One line per event, fixed columns (a stream cannot align on rows still to come). */
  static String eventLine(RunEventResponse event) {
    String payload = event.getPayload() == null ? "" : event.getPayload().toString();
    if (payload.length() > PAYLOAD_WIDTH) {
      payload = payload.substring(0, PAYLOAD_WIDTH - 1) + "…";
    }
    return String.format(
        "%5d  %s  %-26s %s",
        event.getSeq(), event.getCreatedAt(), event.getType().getValue(), payload);
  }
}
