package dev.agentruntime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a bearer token says about its holder, read from its payload without checking the signature:
 * for showing ({@code whoami}) and for knowing when to refresh. The API checks it on every call.
 */
public record TokenClaims(String subject, String tenant, List<String> roles, Instant expiresAt) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The claims of {@code token}; {@code tenantClaim} names the tenant's claim ({@code tenant}). */
  public static TokenClaims of(String token, String tenantClaim) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      throw new CliFailure(
          ExitCode.UNAUTHORIZED, "the token is not a JWT (three dot-separated parts)");
    }
    JsonNode claims;
    try {
      claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IOException | IllegalArgumentException e) {
      throw new CliFailure(
          ExitCode.UNAUTHORIZED, "the token's payload is not JSON: " + e.getMessage());
    }
    List<String> roles = new ArrayList<>();
    claims.path("groups").forEach(role -> roles.add(role.asText()));
    Instant exp = claims.has("exp") ? Instant.ofEpochSecond(claims.get("exp").asLong()) : null;
    String tenant = claims.hasNonNull(tenantClaim) ? claims.get(tenantClaim).asText() : null;
    return new TokenClaims(claims.path("sub").asText(null), tenant, List.copyOf(roles), exp);
  }

  /** True when the token expires within {@code skewSeconds} of {@code now} (or has expired). */
  public boolean expiresWithin(Instant now, long skewSeconds) {
    return expiresAt != null && !now.plusSeconds(skewSeconds).isBefore(expiresAt);
  }
}
