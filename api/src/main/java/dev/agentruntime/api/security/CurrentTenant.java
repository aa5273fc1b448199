package dev.agentruntime.api.security;

import dev.agentruntime.api.error.AccessDenied;
import dev.agentruntime.core.tenant.TenantIds;
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

  /** Whether the token names a tenant at all (a platform-admin's need not), checked or not. */
  public boolean named() {
    return token.getClaim(tenantClaim) != null;
  }

  /**
   * The caller's tenant id.
   *
   * @throws AccessDenied when the token names no tenant, something that is not a tenant id, or a
   *     tenant that does not exist
   */
  public String require() {
    if (verified != null) {
      return verified;
    }
    Object claim = token.getClaim(tenantClaim);
    // SmallRye JWT hands a string claim over as a String or a JsonString; anything else (a number,
    // an array, an object) is not a tenant id.
    String tenant =
        claim instanceof JsonString json
            ? json.getString()
            : claim instanceof String text ? text : null;
    if (claim == null) {
      throw new AccessDenied("The token does not name a tenant");
    }
    if (!TenantIds.isValid(tenant)) {
      // Checked before any lookup: a claim is as untrusted as the issuer's user data behind it.
      throw new AccessDenied("The token's tenant claim is not a tenant id");
    }
    if (!tenants.exists(tenant)) {
      throw new AccessDenied("The token's tenant does not exist");
    }
    verified = tenant;
    return tenant;
  }
}
