package dev.agentruntime.worker.secret;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.secret.PlatformSecretGrants;
import dev.agentruntime.core.secret.SecretRef;
import dev.agentruntime.core.secret.SecretValues;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.util.Map;

/**
 * Turns a secret reference from a spec into the secret, in the worker only and at the moment of
 * use: specs, the database and workflow histories hold references (and sealed values), never
 * secrets. Used alike by model keys, agent endpoints and MCP servers.
 *
 * <ul>
 *   <li>{@code secret:NAME} — the run's tenant's secret, opened with its data key ({@link
 *       TenantSecrets}); another tenant's secret of the same name is never looked at;
 *   <li>{@code env:NAME}, {@code file:/path} — a platform secret, only where the operator granted
 *       that reference to the run's tenant and, when the grant names destinations, only on its way
 *       to one of them ({@link PlatformSecretGrants}); files only inside the configured directory
 *       ({@link PlatformFiles}).
 * </ul>
 *
 * A reference that cannot be resolved is a configuration error no retry can fix: it fails the step
 * at once, naming the field that needed it and never the value. A value is checked before any HTTP
 * client sees it ({@link SecretValues}), since a client's own error would quote it.
 */
public class SecretResolver {

  private final Map<String, String> environment;
  private final PlatformSecretGrants grants;
  private final PlatformFiles files;
  private final TenantSecrets tenantSecrets;

  public SecretResolver(
      Map<String, String> environment,
      PlatformSecretGrants grants,
      PlatformFiles files,
      TenantSecrets tenantSecrets) {
    this.environment = environment;
    this.grants = grants;
    this.files = files;
    this.tenantSecrets = tenantSecrets;
  }

  /**
   * @param tenantId the run's tenant
   * @param ref the reference as the spec states it
   * @param usedFor the field that holds it, for the error message, e.g. {@code model.apiKeyRef}
   * @param destination where the value is about to be sent
   */
  public String resolve(String tenantId, String ref, String usedFor, URI destination) {
    SecretRef parsed =
        SecretRef.parse(ref)
            .orElseThrow(
                () ->
                    unresolved(
                        usedFor, "not a secret reference (secret:NAME, env:NAME or file:/path)"));
    String value =
        switch (parsed) {
          case SecretRef.Tenant tenant -> tenantSecrets.open(tenantId, tenant.name(), usedFor);
          case SecretRef.Platform platform -> platform(tenantId, platform, usedFor, destination);
        };
    String problem = SecretValues.problem(value);
    if (problem != null) {
      throw unresolved(usedFor, "the value of " + parsed.text() + " " + problem);
    }
    return value;
  }

  private String platform(
      String tenantId, SecretRef.Platform ref, String usedFor, URI destination) {
    if (!grants.grants(ref.text(), tenantId)) {
      throw unresolved(
          usedFor,
          ref.text() + " is a platform secret the operator has not granted to tenant " + tenantId);
    }
    if (!grants.allowsDestination(ref.text(), destination)) {
      throw unresolved(
          usedFor,
          "the operator's grant of "
              + ref.text()
              + " does not include "
              + destination.getScheme()
              + "://"
              + destination.getAuthority());
    }
    if (ref.isFile()) {
      return files.read(ref.text().substring("file:".length()), usedFor);
    }
    String name = ref.text().substring("env:".length());
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      throw unresolved(usedFor, "the worker's environment variable " + name + " is not set");
    }
    return value;
  }

  static ApplicationFailure unresolved(String usedFor, String why) {
    return ApplicationFailure.newNonRetryableFailure(
        usedFor + " cannot be resolved: " + why, ActivityFailureTypes.CLIENT_ERROR);
  }
}
