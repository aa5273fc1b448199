package dev.agentruntime.core.secret;

import dev.agentruntime.core.spec.EgressEntries;
import dev.agentruntime.core.tenant.TenantIds;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which tenants may use which platform secret: the operator's grants of {@code env:NAME} and {@code
 * file:/path} references (setting {@code agent-runtime.secrets.platform-grants}). Deny by default:
 * a platform reference no grant names resolves for no tenant.
 *
 * <p>Syntax: {@code REF=TENANTS[@DESTINATIONS][;...]}, where TENANTS is {@code *} (every tenant) or
 * a comma-separated list of tenant ids, and DESTINATIONS, comma-separated {@code egressAllowlist}
 * entries ({@code api.openai.com}, {@code http://ollama:11434}, {@code *.example.com}), are the
 * only places the secret may be sent: for example {@code
 * env:OPENAI_API_KEY=*@api.openai.com;file:/run/secrets/ollama-token=acme,globex}. Without
 * destinations a granted tenant may send the secret to any URL its spec names that the egress
 * policy allows, which for a shared key means to a host the tenant controls: name them. The same
 * reference may appear once. The runtime's own settings ({@code env:AGENT_RUNTIME_*}, {@code
 * env:QUARKUS_*}, {@code env:MP_*}: the master keys, the database password) cannot be granted.
 */
public final class PlatformSecretGrants {

  public static final PlatformSecretGrants NONE = new PlatformSecretGrants(Map.of());

  private static final String EVERY_TENANT = "*";
  private static final Pattern RUNTIME_SETTING =
      Pattern.compile("^env:(AGENT_RUNTIME_|QUARKUS_|MP_)", Pattern.CASE_INSENSITIVE);

  private record Grant(Set<String> tenants, List<String> destinations) {}

  private final Map<String, Grant> byRef;

  private PlatformSecretGrants(Map<String, Grant> byRef) {
    this.byRef = Map.copyOf(byRef);
  }

  /**
   * The grants {@code text} states; blank means none.
   *
   * @throws IllegalArgumentException naming the first malformed grant
   */
  public static PlatformSecretGrants parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    Map<String, Grant> grants = new LinkedHashMap<>();
    for (String grant : text.split(";")) {
      if (grant.isBlank()) {
        continue;
      }
      int eq = grant.lastIndexOf('=');
      if (eq < 0) {
        throw malformed(grant, "expected REF=TENANTS");
      }
      String ref = grant.substring(0, eq).strip();
      if (!(SecretRef.parse(ref).orElse(null) instanceof SecretRef.Platform)) {
        throw malformed(grant, "the reference must be env:NAME or file:/path");
      }
      if (RUNTIME_SETTING.matcher(ref).find()) {
        // The worker's environment carries its own secrets (AGENT_RUNTIME_SECRETS_MASTER_KEYS,
        // QUARKUS_DATASOURCE_PASSWORD, ...): a grant would hand them to tenants.
        throw malformed(
            grant, "AGENT_RUNTIME_*, QUARKUS_* and MP_* are the runtime's own settings");
      }
      String rest = grant.substring(eq + 1);
      int at = rest.indexOf('@');
      List<String> destinations = new ArrayList<>();
      if (at >= 0) {
        for (String destination : rest.substring(at + 1).split(",")) {
          if (!EgressEntries.isValid(destination.strip())) {
            throw malformed(grant, "'" + destination.strip() + "' is not a destination");
          }
          destinations.add(destination.strip());
        }
        rest = rest.substring(0, at);
      }
      Set<String> tenants = new LinkedHashSet<>();
      for (String tenant : rest.split(",")) {
        String id = tenant.strip();
        if (!id.equals(EVERY_TENANT) && !TenantIds.isValid(id)) {
          throw malformed(grant, "'" + id + "' is neither * nor a tenant id");
        }
        tenants.add(id);
      }
      if (grants.put(ref, new Grant(Set.copyOf(tenants), List.copyOf(destinations))) != null) {
        throw malformed(grant, ref + " is granted twice");
      }
    }
    return new PlatformSecretGrants(grants);
  }

  /** Whether the operator granted the platform reference {@code ref} to {@code tenantId}. */
  public boolean grants(String ref, String tenantId) {
    Grant grant = byRef.get(ref);
    return grant != null
        && (grant.tenants().contains(EVERY_TENANT) || grant.tenants().contains(tenantId));
  }

  /**
   * Whether the platform reference {@code ref} may be sent to {@code url}: a grant without
   * destinations allows any; otherwise one destination must name the URL's scheme, host and port.
   */
  public boolean allowsDestination(String ref, URI url) {
    Grant grant = byRef.get(ref);
    if (grant == null || url == null || url.getHost() == null) {
      return false;
    }
    if (grant.destinations().isEmpty()) {
      return true;
    }
    return EgressEntries.allowsUrl(grant.destinations(), url);
  }

  /** The references granted to anyone, for start-up checks and logs (never values). */
  public Set<String> refs() {
    return byRef.keySet();
  }

  /** The references granted without destinations, which a start-up log warns about. */
  public Set<String> unboundRefs() {
    Set<String> refs = new LinkedHashSet<>();
    byRef.forEach(
        (ref, grant) -> {
          if (grant.destinations().isEmpty()) {
            refs.add(ref);
          }
        });
    return refs;
  }

  private static IllegalArgumentException malformed(String grant, String why) {
    return new IllegalArgumentException(
        "agent-runtime.secrets.platform-grants: '" + grant.strip() + "': " + why);
  }
}
