package dev.agentruntime.api.run;

import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.run.event.ControlRequested;
import dev.agentruntime.core.run.event.RunEventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code controlRequested} of runs, read from their timelines rather than kept in a column: the
 * API writes a {@code run.*_requested} event when it accepts an action and the workflow writes
 * {@code run.paused}, {@code run.resumed} or the run's end when it acts, so the latest of these
 * events, with the run's status, says whether a request is still pending.
 */
@ApplicationScoped
public class PendingControls {

  private final RunEventRepository events;

  public PendingControls(RunEventRepository events) {
    this.events = events;
  }

  /** The pending control request of each run that has one; one query for a page of runs. */
  public Map<UUID, ControlRequest> of(String tenantId, Collection<RunEntity> runs) {
    Map<UUID, RunStatus> open = new HashMap<>();
    for (RunEntity run : runs) {
      RunStatus status = RunStatus.fromWireName(run.status);
      if (!status.isTerminal()) { // an ended run has nothing pending: no query for it
        open.put(run.id, status);
      }
    }
    Map<UUID, ControlRequest> pending = new HashMap<>();
    events
        .latestControlEvents(tenantId, open.keySet())
        .forEach(
            (runId, event) -> {
              ControlRequest request = pending(open.get(runId), event);
              if (request != null) {
                pending.put(runId, request);
              }
            });
    return pending;
  }

  /**
   * What {@code latest} (the run's cancel request if it has one, else its latest pause or resume
   * event) leaves pending. A resume is pending only while the run is still paused: a resume that
   * withdrew a pause not reached yet took effect when it was accepted.
   */
  private static ControlRequest pending(RunStatus status, RunEventEntity latest) {
    return switch (latest.type) {
      case RunEventTypes.RUN_CANCEL_REQUESTED -> request("cancel", latest);
      case RunEventTypes.RUN_PAUSE_REQUESTED -> request("pause", latest);
      case RunEventTypes.RUN_RESUME_REQUESTED ->
          status == RunStatus.PAUSED ? request("resume", latest) : null;
      default -> null; // run.paused or run.resumed: the workflow acted on the last request
    };
  }

  private static ControlRequest request(String action, RunEventEntity event) {
    ControlRequested payload = (ControlRequested) RunEventJson.read(event.type, event.payload);
    return new ControlRequest(action, event.createdAt, payload.actor(), payload.reason());
  }

  /** The event types that make or settle a control request, cancel first. */
  static final List<String> TYPES =
      List.of(
          RunEventTypes.RUN_CANCEL_REQUESTED,
          RunEventTypes.RUN_PAUSE_REQUESTED,
          RunEventTypes.RUN_RESUME_REQUESTED,
          RunEventTypes.RUN_PAUSED,
          RunEventTypes.RUN_RESUMED);
}
