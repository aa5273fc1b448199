package dev.agentruntime.worker;

import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.core.workflow.ScheduleFireWorkflow;
import dev.agentruntime.worker.activity.ToolActivitiesImpl;
import dev.agentruntime.worker.tool.WriteArtifactTool;
import dev.agentruntime.worker.workflow.AgentRunWorkflowImpl;
import dev.agentruntime.worker.workflow.ScheduleFireWorkflowImpl;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's in-memory test server in real time (no time skipping: timers, timeouts and retry
 * back-offs behave as on a cluster) with a worker running the real workflow and activities.
 */
public final class RunHarness implements AutoCloseable {

  private final TestWorkflowEnvironment environment;

  public RunHarness(TestInfrastructure infra) {
    this(infra, WriteArtifactTool.DEFAULT_MAX_ARTIFACT_BYTES);
  }

  public RunHarness(TestInfrastructure infra, long maxArtifactBytes) {
    this(infra, infra.toolActivities(maxArtifactBytes));
  }

  private RunHarness(TestInfrastructure infra, ToolActivitiesImpl tools) {
    this(activities(infra, tools));
  }

  /** The real activities a worker runs, on {@code infra}; for a worker on another server. */
  public static Object[] activities(TestInfrastructure infra) {
    return activities(infra, infra.toolActivities(WriteArtifactTool.DEFAULT_MAX_ARTIFACT_BYTES));
  }

  private static Object[] activities(TestInfrastructure infra, ToolActivitiesImpl tools) {
    return new Object[] {
      infra.storeActivities(),
      infra.modelActivities(),
      tools,
      infra.agentTurnActivities(),
      infra.childRunActivities(tools),
      infra.pipelineActivities(),
      infra.scheduleFireActivities(),
      infra.runSlotActivities(),
      infra.tenantBudgetActivities(),
      infra.forkActivities()
    };
  }

  /** A harness whose worker runs the given activity implementations (store, model, tools). */
  public RunHarness(Object... activities) {
    this(true, activities);
  }

  /**
   * A harness on a namespace without the run search attributes, as on a server that would not let
   * the API register them: a workflow start naming them is refused there.
   */
  public static RunHarness withoutRunSearchAttributes(TestInfrastructure infra) {
    return new RunHarness(false, activities(infra));
  }

  private RunHarness(boolean runSearchAttributes, Object[] activities) {
    environment =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    if (runSearchAttributes) {
      RunWorkflows.searchAttributeTypes().forEach(environment::registerSearchAttribute);
    }
    // A system attribute on a real server, which sets it on every workflow a schedule starts; the
    // test server knows no schedules, so a test sets it as the scheduler would.
    environment.registerSearchAttribute(
        ScheduleFireWorkflow.SCHEDULED_START_TIME, IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
    Worker worker = environment.newWorker(RunWorkflows.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        AgentRunWorkflowImpl.class, ScheduleFireWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    environment.start();
  }

  public WorkflowClient client() {
    return environment.getWorkflowClient();
  }

  public static String workflowId(RunWorkflowInput input) {
    return RunWorkflows.workflowId(
        input.tenantId(), input.agentName(), input.agentVersion(), input.runId());
  }

  /** Starts the run's workflow as the API does and waits for its outcome. */
  public RunOutcome run(RunWorkflowInput input) throws Exception {
    start(input);
    return outcome(input, Duration.ofSeconds(60));
  }

  /** Starts the run's workflow as the API does; answers a stub to signal it. */
  public AgentRunWorkflow start(RunWorkflowInput input) {
    return start(
        input,
        WorkflowOptions.newBuilder()
            .setTaskQueue(RunWorkflows.TASK_QUEUE)
            .setWorkflowId(workflowId(input))
            .build());
  }

  /** Starts the run's workflow with the run search attributes, as the API does when it may. */
  public AgentRunWorkflow startWithSearchAttributes(RunWorkflowInput input) {
    return start(
        input,
        WorkflowOptions.newBuilder()
            .setTaskQueue(RunWorkflows.TASK_QUEUE)
            .setWorkflowId(workflowId(input))
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(RunWorkflows.TENANT, input.tenantId())
                    .set(RunWorkflows.AGENT, input.agentName())
                    .set(RunWorkflows.AGENT_VERSION, (long) input.agentVersion())
                    .build())
            .build());
  }

  private AgentRunWorkflow start(RunWorkflowInput input, WorkflowOptions options) {
    AgentRunWorkflow workflow = client().newWorkflowStub(AgentRunWorkflow.class, options);
    WorkflowClient.start(workflow::run, input);
    return client().newWorkflowStub(AgentRunWorkflow.class, workflowId(input));
  }

  /** Waits for the outcome of a started run. */
  public RunOutcome outcome(RunWorkflowInput input, Duration timeout) throws Exception {
    return client()
        .newUntypedWorkflowStub(workflowId(input))
        .getResultAsync(RunOutcome.class)
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Writes the run's history to {@code target/histories/}, where the replay test replays it; copy
   * it to {@code src/test/resources/histories/} to keep it as a fixture.
   */
  public void recordHistory(RunWorkflowInput input, String file) throws IOException {
    Path dir = Path.of("target/histories");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(file), client().fetchHistory(workflowId(input)).toJson(true));
  }

  @Override
  public void close() {
    environment.close();
  }
}
