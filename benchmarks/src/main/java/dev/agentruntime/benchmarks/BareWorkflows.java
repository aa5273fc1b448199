package dev.agentruntime.benchmarks;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * The bare Temporal baselines: a workflow running N no-op activities one after the other, executed
 * by an in-process worker of the bench JVM on its own task queue.
 */
final class BareWorkflows {

  /** Task queue of the bare step workflow and its activities. */
  static final String STEPS_TASK_QUEUE = "bench-bare-steps";

  /** A started worker of this JVM that runs the bare step workflows; shut it down when done. */
  static WorkerFactory startStepsWorker(WorkflowClient client) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(STEPS_TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(StepsWorkflowImpl.class);
    worker.registerActivitiesImplementations(new NoopActivitiesImpl());
    factory.start();
    return factory;
  }

  /** Task queue the bare admission starts go to; nothing polls it, the workflows never run. */
  static final String ADMISSION_TASK_QUEUE = "bench-bare-admission";

  /** Workflow type name of the bare admission starts (no implementation is registered). */
  static final String ADMISSION_WORKFLOW_TYPE = "BenchAdmissionWorkflow";

  private BareWorkflows() {}

  @WorkflowInterface
  public interface StepsWorkflow {
    @WorkflowMethod
    int run(int steps);
  }

  @ActivityInterface
  public interface NoopActivities {
    int noop(int step);
  }

  public static class StepsWorkflowImpl implements StepsWorkflow {

    private final NoopActivities activities =
        Workflow.newActivityStub(
            NoopActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

    @Override
    public int run(int steps) {
      int done = 0;
      for (int i = 1; i <= steps; i++) {
        done += activities.noop(i) > 0 ? 1 : 0;
      }
      return done;
    }
  }

  public static class NoopActivitiesImpl implements NoopActivities {
    @Override
    public int noop(int step) {
      return step;
    }
  }
}
