package dev.agentruntime.api.run.control;

import dev.agentruntime.api.run.control.RunControlRepository.UndeliveredCancel;
import dev.agentruntime.core.log.LogSafe;
import dev.agentruntime.core.run.event.ControlRequested;
import dev.agentruntime.core.workflow.RunControl;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends again the cancels that were accepted while Temporal was unreachable: a run stays {@code
 * cancelling} in PostgreSQL until its workflow has the signal. Rows are locked with skip locked, so
 * several API instances share the work.
 */
@ApplicationScoped
public class CancelRedelivery {

  private static final Logger LOG = Logger.getLogger(CancelRedelivery.class);
  private static final int BATCH = 100;

  private final RunControlRepository control;
  private final RunControlService service;
  private final Duration grace;

  public CancelRedelivery(
      RunControlRepository control,
      RunControlService service,
      @ConfigProperty(name = "agent-runtime.reconciler.grace") Duration grace) {
    this.control = control;
    this.service = service;
    this.grace = grace;
  }

  @Scheduled(
      identity = "cancel-redelivery",
      every = "${agent-runtime.reconciler.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      int delivered = redeliver(grace);
      if (delivered > 0) {
        LOG.infof("delivered %d cancels that Temporal missed", delivered);
      }
    } catch (RuntimeException e) {
      LOG.warnf("cancel redelivery pass failed: %s", LogSafe.escape(e.toString()));
    }
  }

  /**
   * One pass over cancels older than {@code olderThan} that never reached Temporal. Stops at the
   * first that still cannot be delivered.
   *
   * @return how many were delivered
   */
  public int redeliver(Duration olderThan) {
    return QuarkusTransaction.requiringNew()
        .timeout(600)
        .call(
            () -> {
              List<UndeliveredCancel> due =
                  control.lockUndeliveredCancels(olderThan.toSeconds(), BATCH);
              int delivered = 0;
              for (UndeliveredCancel cancel : due) {
                if (!service.sendCancel(cancel.tenantId(), cancel.runId(), requester(cancel))) {
                  break;
                }
                control.markCancelDelivered(cancel.tenantId(), cancel.runId());
                delivered++;
              }
              return delivered;
            });
  }

  /** The actor and reason of the recorded request, so the run's end names who cancelled it. */
  private RunControl requester(UndeliveredCancel cancel) {
    return control
        .cancelRequest(cancel.tenantId(), cancel.runId())
        .map(ControlRequested::control)
        .orElse(new RunControl("unknown", null));
  }
}
