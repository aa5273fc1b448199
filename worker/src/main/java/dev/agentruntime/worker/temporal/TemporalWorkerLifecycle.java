package dev.agentruntime.worker.temporal;

import dev.agentruntime.core.log.LogSafe;
import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.worker.activity.AgentTurnActivitiesImpl;
import dev.agentruntime.worker.activity.ChildRunActivitiesImpl;
import dev.agentruntime.worker.activity.ForkActivitiesImpl;
import dev.agentruntime.worker.activity.ModelActivitiesImpl;
import dev.agentruntime.worker.activity.PipelineActivitiesImpl;
import dev.agentruntime.worker.activity.RunSlotActivitiesImpl;
import dev.agentruntime.worker.activity.RunStoreActivitiesImpl;
import dev.agentruntime.worker.activity.ScheduleFireActivitiesImpl;
import dev.agentruntime.worker.activity.TenantBudgetActivitiesImpl;
import dev.agentruntime.worker.activity.ToolActivitiesImpl;
import dev.agentruntime.worker.tracing.ActivityTracingInterceptor;
import dev.agentruntime.worker.workflow.AgentRunWorkflowImpl;
import dev.agentruntime.worker.workflow.ScheduleFireWorkflowImpl;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts polling the run task queue once the application is up, and drains the worker on shutdown
 * (SIGTERM): see {@link WorkerDrain}.
 */
@Singleton
public class TemporalWorkerLifecycle {

  private static final Logger LOG = Logger.getLogger(TemporalWorkerLifecycle.class);

  /** How long a booting worker waits for Temporal before it gives up (and exits). */
  static final Duration START_RETRY_FOR = Duration.ofMinutes(2);

  private static final Duration MAX_START_WAIT = Duration.ofSeconds(5);

  private final WorkflowClient client;
  private final ObjectStore objects;
  private final RunStoreActivitiesImpl store;
  private final ModelActivitiesImpl model;
  private final ToolActivitiesImpl tools;
  private final AgentTurnActivitiesImpl agentTurns;
  private final ChildRunActivitiesImpl childRuns;
  private final PipelineActivitiesImpl pipelines;
  private final ScheduleFireActivitiesImpl scheduleFires;
  private final RunSlotActivitiesImpl slots;
  private final TenantBudgetActivitiesImpl budgets;
  private final ForkActivitiesImpl forks;
  private final int maxConcurrentActivities;
  private final int maxConcurrentWorkflowTasks;
  private final Duration shutdownGrace;
  private final int workflowCacheSize;
  private final Tracer tracer;
  private final InFlightActivities inFlight = new InFlightActivities();
  private volatile WorkerFactory factory;

  public TemporalWorkerLifecycle(
      WorkflowClient client,
      ObjectStore objects,
      RunStoreActivitiesImpl store,
      ModelActivitiesImpl model,
      ToolActivitiesImpl tools,
      AgentTurnActivitiesImpl agentTurns,
      ChildRunActivitiesImpl childRuns,
      PipelineActivitiesImpl pipelines,
      ScheduleFireActivitiesImpl scheduleFires,
      RunSlotActivitiesImpl slots,
      TenantBudgetActivitiesImpl budgets,
      ForkActivitiesImpl forks,
      @ConfigProperty(name = "agent-runtime.worker.max-concurrent-activities")
          int maxConcurrentActivities,
      @ConfigProperty(name = "agent-runtime.worker.max-concurrent-workflow-tasks")
          int maxConcurrentWorkflowTasks,
      @ConfigProperty(name = "agent-runtime.worker.shutdown-grace") Duration shutdownGrace,
      @ConfigProperty(name = "agent-runtime.worker.workflow-cache-size") int workflowCacheSize,
      Tracer tracer) {
    this.tracer = tracer;
    this.client = client;
    this.objects = objects;
    this.store = store;
    this.model = model;
    this.tools = tools;
    this.agentTurns = agentTurns;
    this.childRuns = childRuns;
    this.pipelines = pipelines;
    this.scheduleFires = scheduleFires;
    this.slots = slots;
    this.budgets = budgets;
    this.forks = forks;
    this.maxConcurrentActivities = maxConcurrentActivities;
    this.maxConcurrentWorkflowTasks = maxConcurrentWorkflowTasks;
    this.shutdownGrace = shutdownGrace;
    this.workflowCacheSize = workflowCacheSize;
  }

  void onStart(@Observes StartupEvent event) throws InterruptedException {
    objects.ensureBucket();
    // Temporal may not take calls yet when the worker boots (a server starting alongside it, a
    // restart of both): wait for it with backoff instead of exiting, for as long as an
    // orchestrator would be patient.
    long giveUpAt = System.nanoTime() + START_RETRY_FOR.toNanos();
    Duration wait = Duration.ofSeconds(1);
    while (true) {
      WorkerFactory workers = newFactory();
      try {
        workers.start();
        factory = workers;
        break;
      } catch (StatusRuntimeException e) {
        workers.shutdownNow();
        if (System.nanoTime() > giveUpAt) {
          throw e;
        }
        LOG.warnf(
            "Temporal does not take calls yet (%s); polling starts in %d ms",
            LogSafe.escape(e.getStatus().toString()), wait.toMillis());
        Thread.sleep(wait.toMillis());
        wait =
            wait.multipliedBy(2).compareTo(MAX_START_WAIT) > 0
                ? MAX_START_WAIT
                : wait.multipliedBy(2);
      }
    }
    LOG.infof(
        "polling task queue %s in namespace %s",
        RunWorkflows.TASK_QUEUE, client.getOptions().getNamespace());
  }

  private WorkerFactory newFactory() {
    // A cache size of 0 also turns sticky execution off: every workflow task goes to the shared
    // queue. Only needed on servers that never re-route a dead worker's sticky tasks (the
    // in-memory test server); a real server re-routes them after 5 s.
    WorkerFactory workers =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(workflowCacheSize)
                // Activity spans only: no workflow interceptor, so workflow code opens no span.
                .setWorkerInterceptors(new ActivityTracingInterceptor(tracer), inFlight)
                .build());
    Worker worker =
        workers.newWorker(
            RunWorkflows.TASK_QUEUE,
            WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(maxConcurrentActivities)
                .setMaxConcurrentWorkflowTaskExecutionSize(maxConcurrentWorkflowTasks)
                // By default the SDK stops heartbeating when shutdown begins: a drain longer than
                // the heartbeat timeout would then have Temporal declare the still-running attempt
                // lost and run it again elsewhere, the very duplicate a drain is there to avoid.
                .setAllowActivityHeartbeatDuringShutdown(true)
                .build());
    worker.registerWorkflowImplementationTypes(
        AgentRunWorkflowImpl.class, ScheduleFireWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        store,
        model,
        tools,
        agentTurns,
        childRuns,
        pipelines,
        scheduleFires,
        slots,
        budgets,
        forks);
    return workers;
  }

  /**
   * Quarkus fires {@code ShutdownEvent} before it closes anything (the datasource, the Temporal
   * connection and the other beans are closed after every observer has returned), so the draining
   * activities can still record their events and report to Temporal. First among its observers, so
   * none of them can close what the activities use while they drain.
   */
  void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    WorkerFactory workers = factory;
    if (workers != null) {
      WorkerDrain.run(workers, inFlight, shutdownGrace);
    }
  }

  /** Whether the worker is polling. */
  public boolean isPolling() {
    WorkerFactory workers = factory;
    return workers != null && workers.isStarted() && !workers.isShutdown();
  }
}
