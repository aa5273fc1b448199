package dev.agentruntime.api.temporal;

import dev.agentruntime.core.temporal.TemporalConnectionOptions;
import dev.agentruntime.core.tracing.TracingClientInterceptor;
import io.opentelemetry.api.trace.Tracer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The Temporal client. The connection is lazy, so the API starts (and accepts runs, which the
 * reconciler dispatches later) while Temporal is still unreachable.
 */
public class TemporalClientProducer {

  private static final Logger LOG = Logger.getLogger(TemporalClientProducer.class);

  @Produces
  @Singleton
  WorkflowServiceStubs serviceStubs(TemporalConfig config) {
    Duration timeout = config.startTimeout();
    LOG.infof(
        "Temporal at %s (%s), namespace %s",
        config.target(),
        TemporalConnectionOptions.usesTls(config) ? "TLS" : "plaintext",
        config.namespace());
    return WorkflowServiceStubs.newServiceStubs(
        TemporalConnectionOptions.newBuilder(config)
            .setRpcTimeout(timeout)
            .setRpcRetryOptions(
                RpcRetryOptions.newBuilder()
                    .setExpiration(timeout)
                    .setMaximumInterval(Duration.ofSeconds(1))
                    .validateBuildWithDefaults())
            .build());
  }

  void closeServiceStubs(@Disposes WorkflowServiceStubs stubs) {
    stubs.shutdown();
  }

  /** Schedules of tenants (docs/architecture.md#schedules), on the same connection. */
  @Produces
  @Singleton
  ScheduleClient scheduleClient(WorkflowServiceStubs stubs, TemporalConfig config) {
    return ScheduleClient.newInstance(
        stubs, ScheduleClientOptions.newBuilder().setNamespace(config.namespace()).build());
  }

  @Produces
  @Singleton
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalConfig config, Tracer tracer) {
    // Every workflow start continues the trace of the request that admitted the run, and carries
    // its context to the worker in the start's Temporal header (docs/observability.md#traces).
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(config.namespace())
            .setInterceptors(new TracingClientInterceptor(tracer))
            .build());
  }
}
