package dev.agentruntime.api.health;

import dev.agentruntime.api.temporal.TemporalConfig;
import io.grpc.StatusRuntimeException;
import io.smallrye.health.api.HealthGroup;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Up while the Temporal frontend answers for the API's namespace. Describing the namespace (rather
 * than a bare gRPC health check) also catches a wrong namespace, API key or client certificate:
 * whatever would make every workflow start fail.
 *
 * <p>In the {@link DependencyHealth#GROUP} group, not in readiness: while Temporal is down the API
 * still admits runs (the reconciler starts them later), answers reads and records cancels, so a
 * load balancer must keep sending it requests. Taken out of rotation, every API instance would
 * refuse everything for the length of the outage.
 */
@HealthGroup(DependencyHealth.GROUP)
@ApplicationScoped
public class TemporalHealth implements HealthCheck {

  static final String NAME = "Temporal";

  private final WorkflowServiceStubs stubs;
  private final TemporalConfig config;
  private final Duration timeout;

  public TemporalHealth(
      WorkflowServiceStubs stubs,
      TemporalConfig config,
      @ConfigProperty(name = "agent-runtime.health.timeout") Duration timeout) {
    this.stubs = stubs;
    this.config = config;
    this.timeout = timeout;
  }

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named(NAME)
            .withData("target", config.target())
            .withData("namespace", config.namespace());
    try {
      // An explicit deadline, and no retries: the raw stub does not retry, unlike the client.
      stubs
          .blockingStub()
          .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .describeNamespace(
              DescribeNamespaceRequest.newBuilder().setNamespace(config.namespace()).build());
      return response.up().build();
    } catch (StatusRuntimeException e) {
      return response.down().withData("status", e.getStatus().getCode().name()).build();
    }
  }
}
