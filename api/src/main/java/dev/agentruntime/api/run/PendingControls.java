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
 * API writes a {@code run.*_requested} event when it accepts an action, and the workflow writes
 * {@code run.paused}, {@code run.resumed} or the run's end when it acts on one, so these events and
 * the run's status say whether a request is still pending.
 */
@ApplicationScoped
public class PendingControls {

  /** The event types that make or settle a control request. */
  static final List<String> TYPES =
      List.of(
          RunEventTypes.RUN_CANCEL_REQUESTED,
          RunEventTypes.RUN_PAUSE_REQUESTED,
          RunEventTypes.RUN_RESUME_REQUESTED,
          RunEventTypes.RUN_PAUSED,
          RunEventTypes.RUN_RESUMED);

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
        .controlEvents(tenantId, open.keySet())
        .forEach(
            (runId, newestFirst) -> {
              ControlRequest request = pending(open.get(runId), newestFirst);
              if (request != null) {
                pending.put(runId, request);
              }
            });
    return pending;
  }

  /**
   * What a run's control events (newest first) leave pending. A cancel, once asked, is pending
   * until the run ends, whatever came after it. Else the latest pause or resume request decides: a
   * pause is pending until a {@code run.paused} follows it, a resume for as long as the run is
   * paused. So a resume that withdrew a pause not reached yet leaves nothing pending, unless the
   * run reached that pause meanwhile: then the resume is pending until the run goes on.
   */
  private static ControlRequest pending(RunStatus status, List<RunEventEntity> newestFirst) {
    for (RunEventEntity event : newestFirst) {
      if (event.type.equals(RunEventTypes.RUN_CANCEL_REQUESTED)) {
        return request("cancel", event);
      }
    }
    boolean pausedSince = false;
    for (RunEventEntity event : newestFirst) {
      switch (event.type) {
        case RunEventTypes.RUN_PAUSED -> pausedSince = true;
        case RunEventTypes.RUN_PAUSE_REQUESTED -> {
          return pausedSince ? null : request("pause", event);
        }
        case RunEventTypes.RUN_RESUME_REQUESTED -> {
          return status == RunStatus.PAUSED ? request("resume", event) : null;
        }
        default -> {} // run.resumed: the latest request above it decides
      }
    }
    return null;
  }

  private static ControlRequest request(String action, RunEventEntity event) {
    ControlRequested payload = (ControlRequested) RunEventJson.read(event.type, event.payload);
    return new ControlRequest(action, event.createdAt, payload.actor(), payload.reason());
  }
}
