package dev.agentruntime.worker.temporal;

import com.uber.m3.tally.Scope;
import dev.agentruntime.core.temporal.TemporalConnectionOptions;
import dev.agentruntime.core.tracing.TraceContextPropagator;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The connection to the Temporal frontend the worker polls; target, TLS and API key as the API's
 * ({@link TemporalConnectionOptions}).
 */
public class TemporalClientProducer {

  @Produces
  @Singleton
  WorkflowServiceStubs serviceStubs(TemporalConfig config, Scope metrics) {
    // The worker factory reports its poll and task metrics through the stubs' scope too.
    return WorkflowServiceStubs.newServiceStubs(
        TemporalConnectionOptions.newBuilder(config).setMetricsScope(metrics).build());
  }

  @Produces
  @Singleton
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalConfig config) {
    // The worker's factory takes its context propagators from this client: the trace propagator
    // hands the trace context of a workflow's start on to the activities it schedules.
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(config.namespace())
            .setContextPropagators(List.of(new TraceContextPropagator()))
            .build());
  }

  void close(@Disposes WorkflowServiceStubs stubs) {
    stubs.shutdown();
  }
}
