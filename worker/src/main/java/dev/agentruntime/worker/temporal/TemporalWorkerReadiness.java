package dev.agentruntime.worker.temporal;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the Temporal worker polls; the database check comes with the datasource. */
@Readiness
@Singleton
public class TemporalWorkerReadiness implements HealthCheck {

  private final TemporalWorkerLifecycle worker;

  public TemporalWorkerReadiness(TemporalWorkerLifecycle worker) {
    this.worker = worker;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("temporal-worker").status(worker.isPolling()).build();
  }
}
