package dev.agentruntime.benchmarks;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.Workflow;

/**
 * The peer's baseline: a DBOS Transact workflow running N no-op durable steps one after the other,
 * the counterpart of {@link BareWorkflows.StepsWorkflow}. DBOS runs it in the bench JVM and
 * checkpoints the workflow and each step's output in its system database (PostgreSQL).
 */
public final class DbosWorkflows {

  /** The step name recorded in DBOS's step table for each no-op step. */
  static final String NOOP_STEP = "noop";

  private DbosWorkflows() {}

  public interface StepsWorkflow {
    int run(int steps);
  }

  public static class StepsWorkflowImpl implements StepsWorkflow {

    private final DBOS dbos;

    StepsWorkflowImpl(DBOS dbos) {
      this.dbos = dbos;
    }

    @Workflow
    @Override
    public int run(int steps) {
      int done = 0;
      for (int i = 1; i <= steps; i++) {
        int step = i;
        done += dbos.runStep(() -> step, NOOP_STEP) > 0 ? 1 : 0;
      }
      return done;
    }
  }
}
