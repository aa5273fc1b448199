package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.core.workflow.RunWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.Map;
import java.util.UUID;

/**
 * The fast tier's environment: Temporal's in-process test server with time skipping (timers and
 * timeouts take no wall time) and a worker running the real {@link AgentRunWorkflowImpl} on a
 * test's {@link FakeRunActivities}. Each test has its own (one test server's skipped clock is
 * shared by all its runs, and a run that outlived its test could hold it).
 *
 * <p>A run can be pinned to an older workflow version, as if an older worker had started it: {@code
 * getVersion} of a pinned change id answers at most the pinned version, so the marker of that
 * version is what the history records, exactly as for a run started before.
 */
final class FastWorkflowEnvironment implements AutoCloseable {

  private static final RunWorkflowInput INPUT =
      new RunWorkflowInput("acme", UUID.randomUUID(), null, "fake", null, 1);

  private final TestWorkflowEnvironment environment;
  private final FakeRunActivities activities;

  /** A run on the current version of every change id. */
  FastWorkflowEnvironment(FakeRunActivities activities) {
    this(activities, Map.of());
  }

  /** A run whose change ids answer at most the versions in {@code pins}. */
  FastWorkflowEnvironment(FakeRunActivities activities, Map<String, Integer> pins) {
    this.activities = activities;
    environment =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new PinnedVersions(pins))
                        .build())
                .build());
    Worker worker = environment.newWorker(RunWorkflows.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AgentRunWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    environment.start();
  }

  WorkflowClient client() {
    return environment.getWorkflowClient();
  }

  TestWorkflowEnvironment environment() {
    return environment;
  }

  String workflowId() {
    return RunWorkflows.workflowId(
        INPUT.tenantId(), INPUT.agentName(), INPUT.agentVersion(), INPUT.runId());
  }

  private WorkflowOptions options() {
    return WorkflowOptions.newBuilder()
        .setTaskQueue(RunWorkflows.TASK_QUEUE)
        .setWorkflowId(workflowId())
        .build();
  }

  /** Starts the run; answers a stub to signal, update and query it. */
  AgentRunWorkflow start() {
    WorkflowClient.start(client().newWorkflowStub(AgentRunWorkflow.class, options())::run, INPUT);
    return client().newWorkflowStub(AgentRunWorkflow.class, workflowId());
  }

  /** Starts the run with {@code signal} already in its history, as the API's signal-with-start. */
  AgentRunWorkflow startWithSignal(String signal, Object argument) {
    client()
        .newUntypedWorkflowStub("AgentRunWorkflow", options())
        .signalWithStart(signal, new Object[] {argument}, new Object[] {INPUT});
    return client().newWorkflowStub(AgentRunWorkflow.class, workflowId());
  }

  /** Waits for the outcome; the test server skips time meanwhile. */
  RunOutcome outcome() {
    return client().newUntypedWorkflowStub(workflowId()).getResult(RunOutcome.class);
  }

  /** Starts the run and waits for its outcome. */
  RunOutcome run() {
    start();
    return outcome();
  }

  WorkflowStub untyped() {
    return client().newUntypedWorkflowStub(workflowId());
  }

  String historyJson() {
    return client().fetchHistory(workflowId()).toJson(true);
  }

  @Override
  public void close() {
    activities.releaseAll();
    // Stopping the server and its worker takes longer than a run: the test does not wait for it.
    Thread.ofVirtual().start(environment::close);
  }

  /** Answers at most the pinned version for the pinned change ids, as an older worker did. */
  private static final class PinnedVersions extends WorkerInterceptorBase {

    private final Map<String, Integer> pins;

    PinnedVersions(Map<String, Integer> pins) {
      this.pins = pins;
    }

    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
      return new WorkflowInboundCallsInterceptorBase(next) {
        @Override
        public void init(WorkflowOutboundCallsInterceptor outbound) {
          super.init(
              new WorkflowOutboundCallsInterceptorBase(outbound) {
                @Override
                public int getVersion(String changeId, int minSupported, int maxSupported) {
                  Integer pin = pins.get(changeId);
                  int max = pin == null ? maxSupported : Math.min(pin, maxSupported);
                  return super.getVersion(changeId, minSupported, max);
                }
              });
        }
      };
    }
  }
}
