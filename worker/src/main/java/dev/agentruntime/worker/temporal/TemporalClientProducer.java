package dev.agentruntime.worker.temporal;

import com.uber.m3.tally.Scope;
import dev.agentruntime.core.tracing.TraceContextPropagator;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The connection to the Temporal frontend the worker polls. */
public class TemporalClientProducer {

  @Produces
  @Singleton
  WorkflowServiceStubs serviceStubs(
      @ConfigProperty(name = "agent-runtime.temporal.target") String target, Scope metrics) {
    // The worker factory reports its poll and task metrics through the stubs' scope too.
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(target)
            .setMetricsScope(metrics)
            .build());
  }

  @Produces
  @Singleton
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs,
      @ConfigProperty(name = "agent-runtime.temporal.namespace") String namespace) {
    // The worker's factory takes its context propagators from this client: the trace propagator
    // hands the trace context of a workflow's start on to the activities it schedules.
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(namespace)
            .setContextPropagators(List.of(new TraceContextPropagator()))
            .build());
  }

  void close(@Disposes WorkflowServiceStubs stubs) {
    stubs.shutdown();
  }
}
