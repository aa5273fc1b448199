package dev.agentruntime.api.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the token signing keys have been checked ({@link SigningKeyCheck}): a load
 * balancer or Kong sends nothing to an API that would answer 503 to every call.
 */
@Readiness
@ApplicationScoped
public class SigningKeyReadiness implements HealthCheck {

  private final SigningKeyCheck check;

  public SigningKeyReadiness(SigningKeyCheck check) {
    this.check = check;
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("Token signing keys checked");
    return check.checked()
        ? response.up().build()
        : response.down().withData("pending", check.pending()).build();
  }
}
