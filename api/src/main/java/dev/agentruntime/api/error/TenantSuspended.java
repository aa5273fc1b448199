package dev.agentruntime.api.error;

/** The tenant is suspended by a platform administrator: it starts no run until resumed. */
public final class TenantSuspended extends DomainException {

  public TenantSuspended(String tenantId) {
    super(
        "Tenant '"
            + tenantId
            + "' is suspended and starts no run until a platform administrator resumes it;"
            + " nothing was started",
        null);
  }
}
