package dev.agentruntime.api.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
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
    LOG.infof("Temporal at %s, namespace %s", config.target(), config.namespace());
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(config.target())
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

  @Produces
  @Singleton
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalConfig config) {
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(config.namespace()).build());
  }
}
