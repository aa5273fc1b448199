package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.RunStoreActivities;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;

/**
 * How one run behaves, decided once when it starts from the workflow versions its history records:
 * the loop and its collaborators read this value, never a version number. Each feature has its own
 * {@code getVersion} change id from {@link #PAUSE_CAP} on; the features before it share {@link
 * #LOCAL_BOOKKEEPING_AND_TOOLS} (versions 1 to 6). Both markers are recorded before the run's first
 * activity, the first one where it always was, so histories recorded before replay unchanged.
 *
 * @param localBookkeeping bookkeeping and built-in tools run as local activities (version 1)
 * @param kernelRetry a step that met a kernel outage is scheduled again under the kernel's policy,
 *     and a final answer is held to the token budget (version 2)
 * @param runPlan the run starts from {@code beginRun}'s small plan, and a cancel from Temporal
 *     itself still records the run's end (version 3)
 * @param approvals calls of tools with {@code requiresApproval} wait for a decision (version 4)
 * @param scheduledNetworkTools calls of tools that reach the network run as scheduled activities
 *     that heartbeat (version 5)
 * @param httpAgents a version whose runtime is {@code http} takes each step as a turn of its agent
 *     (version 6)
 * @param pauseCap a run paused longer than its plan allows ends {@code cancelled} ({@link
 *     #PAUSE_CAP} version 1)
 * @param childRuns calls of tools of kind agent run as child runs, and the run's steps and tokens
 *     count its children's ({@link #CHILD_RUNS} version 1)
 * @param runSlots a run takes a slot of its tenant's concurrency before it begins, and wakes the
 *     waiting runs when it ends ({@link #RUN_SLOTS} version 1)
 * @param tenantBudgets a run asks its tenant's token and cost budgets before each model call and
 *     stops when one is spent ({@link #TENANT_BUDGETS} version 1)
 * @param forks a fork takes its steps before its first live one from its source run, and a call
 *     that needs approval may run under an approval the source granted for byte-identical arguments
 *     ({@link #RUN_FORK} version 1)
 */
record RunBehaviour(
    boolean localBookkeeping,
    boolean kernelRetry,
    boolean runPlan,
    boolean approvals,
    boolean scheduledNetworkTools,
    boolean httpAgents,
    boolean pauseCap,
    boolean childRuns,
    boolean runSlots,
    boolean tenantBudgets,
    boolean forks) {

  /**
   * The change id of the first six features. Version 1 runs the bookkeeping (start, finish) and the
   * built-in tools as local activities: they are short and idempotent, and a local activity is
   * recorded without the two server round trips of a scheduled one, which dominated a step's cost.
   * Versions 2 to 6 added, under the same id, each {@code boolean} of this record in order. No new
   * feature takes a version of this id: each gets an id of its own.
   */
  static final String LOCAL_BOOKKEEPING_AND_TOOLS = "local-bookkeeping-and-tools";

  static final int KERNEL_RETRY_AND_FULL_BUDGET = 2;
  static final int RUN_CONTROL = 3;
  static final int APPROVALS = 4;
  static final int NETWORK_TOOLS_SCHEDULED = 5;
  static final int HTTP_AGENTS = 6;

  /** The change id of the cap on a pause's length; version 1 caps it. */
  static final String PAUSE_CAP = "pause-cap";

  static final int PAUSE_CAPPED = 1;

  /** The change id of child runs (tools of kind agent); version 1 runs them. */
  static final String CHILD_RUNS = "child-runs";

  static final int CHILD_RUNS_STARTED = 1;

  /** The change id of concurrency slots; version 1 claims one before the run begins. */
  static final String RUN_SLOTS = "run-slots";

  static final int RUN_SLOTS_CLAIMED = 1;

  /** The change id of tenant budgets; version 1 checks them before each model call. */
  static final String TENANT_BUDGETS = "tenant-budgets";

  static final int TENANT_BUDGETS_CHECKED = 1;

  /** The change id of forks; version 1 reuses the source's steps before the fork point. */
  static final String RUN_FORK = "run-fork";

  static final int RUN_FORK_REUSED = 1;

  /**
   * The behaviour this run's history records, or, for a new run, the newest. Must be the run's
   * first workflow code: the markers it records stay where histories have them.
   */
  static RunBehaviour resolve() {
    int version =
        Workflow.getVersion(LOCAL_BOOKKEEPING_AND_TOOLS, Workflow.DEFAULT_VERSION, HTTP_AGENTS);
    int pauseCap = Workflow.getVersion(PAUSE_CAP, Workflow.DEFAULT_VERSION, PAUSE_CAPPED);
    int childRuns = Workflow.getVersion(CHILD_RUNS, Workflow.DEFAULT_VERSION, CHILD_RUNS_STARTED);
    int runSlots = Workflow.getVersion(RUN_SLOTS, Workflow.DEFAULT_VERSION, RUN_SLOTS_CLAIMED);
    int tenantBudgets =
        Workflow.getVersion(TENANT_BUDGETS, Workflow.DEFAULT_VERSION, TENANT_BUDGETS_CHECKED);
    int forks = Workflow.getVersion(RUN_FORK, Workflow.DEFAULT_VERSION, RUN_FORK_REUSED);
    return new RunBehaviour(
        version >= 1,
        version >= KERNEL_RETRY_AND_FULL_BUDGET,
        version >= RUN_CONTROL,
        version >= APPROVALS,
        version >= NETWORK_TOOLS_SCHEDULED,
        version >= HTTP_AGENTS,
        pauseCap >= PAUSE_CAPPED,
        childRuns >= CHILD_RUNS_STARTED,
        runSlots >= RUN_SLOTS_CLAIMED,
        tenantBudgets >= TENANT_BUDGETS_CHECKED,
        forks >= RUN_FORK_REUSED);
  }

  /** The bookkeeping activities: local from version 1, scheduled before. */
  RunStoreActivities store() {
    return localBookkeeping
        ? Workflow.newLocalActivityStub(RunStoreActivities.class, RunActivityOptions.LOCAL_STORE)
        : Workflow.newActivityStub(RunStoreActivities.class, RunActivityOptions.STORE);
  }

  /** Runs a step, again after a kernel outage when {@link #kernelRetry}. */
  <T> T attempt(Functions.Func<T> step) {
    return kernelRetry ? KernelRetry.call(step) : step.apply();
  }

  /** Whether an answer over the token budget fails the run even when it is the final one. */
  boolean budgetsFinalAnswer() {
    return kernelRetry;
  }
}
