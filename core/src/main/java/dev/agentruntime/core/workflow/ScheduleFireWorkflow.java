package dev.agentruntime.core.workflow;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.UUID;

/**
 * The action of a tenant's Temporal Schedule: one execution per fire. It admits the fire's run
 * through the one admission path, then runs the run's workflow as its child and ends when the run
 * ends, so the schedule's overlap policy (skip, buffer one, allow all) governs whole runs and its
 * pause-on-failure sees a run that failed. It runs on the runs' task queue ({@link
 * RunWorkflows#TASK_QUEUE}).
 *
 * <p>The fire's scheduled time is not an argument: every fire of a schedule has the same action and
 * arguments, and Temporal's scheduler gives each started workflow the nominal (unjittered) time of
 * its fire as the search attribute {@link #SCHEDULED_START_TIME}, also for a trigger-now (the time
 * of the trigger) and a backfill (each backfilled time).
 */
@WorkflowInterface
public interface ScheduleFireWorkflow {

  /** The system search attribute Temporal's scheduler sets on each workflow a schedule starts. */
  String SCHEDULED_START_TIME = "TemporalScheduledStartTime";

  /** The schedule's Temporal workflow type name, as a schedule's action names it. */
  String TYPE = "ScheduleFireWorkflow";

  /**
   * Admits and runs the fire's run.
   *
   * @return how the run ended; {@code null} when the schedule no longer exists (deleted while its
   *     Temporal schedule was still firing) and nothing was admitted, or when this fire's run had
   *     been started before (a second start of one fire, as a backfill over a fired time makes)
   * @throws io.temporal.failure.ApplicationFailure when the agent or version is gone, or the run
   *     ended failed or timed out (a failed fire, which pause-on-failure acts on)
   */
  @WorkflowMethod(name = TYPE)
  RunOutcome fire(Target target);

  /** What every fire of one schedule is given: the schedule, by tenant and id. */
  record Target(String tenantId, UUID scheduleId) {}
}
