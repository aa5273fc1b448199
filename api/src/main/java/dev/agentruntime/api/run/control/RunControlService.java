package dev.agentruntime.api.run.control;

import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.error.RunStateConflict;
import dev.agentruntime.api.error.TemporalUnavailable;
import dev.agentruntime.api.run.RunQueryService;
import dev.agentruntime.api.run.RunRepository;
import dev.agentruntime.api.run.RunResponse;
import dev.agentruntime.api.run.control.RunSignals.Delivery;
import dev.agentruntime.api.run.control.RunSignals.Signal;
import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.run.event.ControlRequested;
import dev.agentruntime.core.run.event.ControlRequested.CancelRequested;
import dev.agentruntime.core.run.event.ControlRequested.PauseRequested;
import dev.agentruntime.core.run.event.ControlRequested.ResumeRequested;
import dev.agentruntime.core.workflow.RunControl;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Cancel, pause and resume. Each action is checked against the run's status under its row lock,
 * recorded as an event naming the actor and reason, and signalled to the workflow, which does the
 * work at its next step boundary (pause) or at once (cancel).
 *
 * <p>A cancel is recorded first ({@code cancelling}) and signalled after commit; if Temporal is
 * unreachable then, {@link CancelRedelivery} sends it later, so an accepted cancel is never lost. A
 * pause or resume is signalled inside the transaction and refused (503) when Temporal is
 * unreachable, so nothing records a request the workflow never got.
 */
@ApplicationScoped
public class RunControlService {

  private final RunControlRepository control;
  private final RunRepository runs;
  private final RunQueryService reads;
  private final RunSignals signals;

  public RunControlService(
      RunControlRepository control, RunRepository runs, RunQueryService reads, RunSignals signals) {
    this.control = control;
    this.runs = runs;
    this.reads = reads;
    this.signals = signals;
  }

  public RunResponse cancel(String tenantId, UUID runId, RunControl by) {
    boolean requested =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  RunStatus status = lockStatus(tenantId, runId);
                  if (status == RunStatus.CANCELLING || status == RunStatus.CANCELLED) {
                    return false; // asked before: the same answer again
                  }
                  if (status.isTerminal()) {
                    throw new RunStateConflict(runId, status, "cancelled");
                  }
                  control.markCancelling(tenantId, runId);
                  record(tenantId, runId, new CancelRequested(by));
                  return true;
                });
    if (requested && sendCancel(tenantId, runId, by)) {
      QuarkusTransaction.requiringNew().run(() -> control.markCancelDelivered(tenantId, runId));
    }
    return reads.get(tenantId, runId);
  }

  /**
   * Sends a recorded cancel to the workflow; answers whether Temporal has it now (or the run has
   * ended anyway). The caller records the delivery.
   */
  boolean sendCancel(String tenantId, UUID runId, RunControl by) {
    return signals.send(queued(tenantId, runId), Signal.CANCEL, by) != Delivery.UNREACHABLE;
  }

  public RunResponse pause(String tenantId, UUID runId, RunControl by) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              RunStatus status = lockStatus(tenantId, runId);
              refuseIfEnding(runId, status, "paused");
              if (control.pauseRequested(tenantId, runId)) {
                return; // paused, or pausing at the next boundary already
              }
              signal(tenantId, runId, Signal.PAUSE, by, "paused");
              record(tenantId, runId, new PauseRequested(by));
            });
    return reads.get(tenantId, runId);
  }

  public RunResponse resume(String tenantId, UUID runId, RunControl by) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              RunStatus status = lockStatus(tenantId, runId);
              refuseIfEnding(runId, status, "resumed");
              if (!control.pauseRequested(tenantId, runId)) {
                throw new RunStateConflict(runId, status, "resumed (it is not paused)");
              }
              signal(tenantId, runId, Signal.RESUME, by, "resumed");
              record(tenantId, runId, new ResumeRequested(by));
            });
    return reads.get(tenantId, runId);
  }

  private RunStatus lockStatus(String tenantId, UUID runId) {
    return control.lockStatus(tenantId, runId).orElseThrow(() -> new NotFound("Run " + runId));
  }

  private static void refuseIfEnding(UUID runId, RunStatus status, String action) {
    if (status.isTerminal() || status == RunStatus.CANCELLING) {
      throw new RunStateConflict(runId, status, action);
    }
  }

  private void signal(String tenantId, UUID runId, Signal signal, RunControl by, String action) {
    Delivery delivery = signals.send(queued(tenantId, runId), signal, by);
    if (delivery == Delivery.UNREACHABLE) {
      throw new TemporalUnavailable(action, null);
    }
  }

  private void record(String tenantId, UUID runId, ControlRequested request) {
    runs.appendEvent(tenantId, runId, RunEventKeys.controlRequest(UUID.randomUUID()), request);
  }

  private QueuedRun queued(String tenantId, UUID runId) {
    RunRepository.RunView view =
        runs.findView(tenantId, runId).orElseThrow(() -> new NotFound("Run " + runId));
    return new QueuedRun(
        tenantId,
        runId,
        view.run().agentId,
        view.agentName(),
        view.run().agentVersionId,
        view.agentVersion(),
        view.run().workflowId);
  }
}
