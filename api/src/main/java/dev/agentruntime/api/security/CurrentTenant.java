package dev.agentruntime.api.security;

import dev.agentruntime.api.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The tenant of the caller, taken from the token and never from the request, so a caller can only
 * ever reach its own tenant's rows.
 */
@RequestScoped
public class CurrentTenant {

  private final JsonWebToken token;
  private final KnownTenants tenants;
  private final String tenantClaim;
  private String verified;

  public CurrentTenant(
      JsonWebToken token,
      KnownTenants tenants,
      @ConfigProperty(name = "agent-runtime.auth.tenant-claim") String tenantClaim) {
    this.token = token;
    this.tenants = tenants;
    this.tenantClaim = tenantClaim;
  }

  /**
   * The caller's tenant id.
   *
   * @throws ProblemException 403 when the token names no tenant or a tenant that does not exist
   */
  public String require() {
    if (verified != null) {
      return verified;
    }
    Object claim = token.getClaim(tenantClaim);
    String tenant =
        claim instanceof JsonString json
            ? json.getString()
            : claim == null ? null : claim.toString();
    if (tenant == null || tenant.isBlank()) {
      throw ProblemException.forbidden("The token does not name a tenant");
    }
    if (!tenants.exists(tenant)) {
      throw ProblemException.forbidden("The token's tenant does not exist");
    }
    verified = tenant;
    return tenant;
  }
}
