package dev.agentruntime.api.secret;

import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.core.secret.PlatformSecretGrants;
import dev.agentruntime.core.secret.SecretRef;
import dev.agentruntime.core.secret.SpecSecrets;
import dev.agentruntime.core.spec.AgentSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the secrets a spec names are the publishing tenant's to use: each {@code secret:NAME}
 * must be a secret the tenant has, each {@code env:}/{@code file:} reference one the operator
 * granted to the tenant. Checked when a version is published, so that a spec naming another
 * tenant's secret, or a platform secret nobody granted, is refused with its field instead of
 * failing its runs. The worker checks again when it resolves a reference (a secret can be deleted
 * after the publish).
 */
@ApplicationScoped
public class SecretReferences {

  private final TenantSecretRepository secrets;
  private final SecretSettings settings;

  public SecretReferences(TenantSecretRepository secrets, SecretSettings settings) {
    this.secrets = secrets;
    this.settings = settings;
  }

  /**
   * A violation for each reference of {@code spec} the tenant may not use, in spec order.
   *
   * @param alreadyRefused fields with a violation already, left alone so a field is refused once
   */
  public List<Violation> violations(
      String tenantId, AgentSpec spec, Collection<String> alreadyRefused) {
    Map<String, SecretRef> refs = SpecSecrets.of(spec);
    if (refs.isEmpty()) {
      return List.of();
    }
    List<String> names =
        refs.values().stream()
            .filter(SecretRef.Tenant.class::isInstance)
            .map(ref -> ((SecretRef.Tenant) ref).name())
            .distinct()
            .toList();
    Set<String> existing = secrets.existing(tenantId, names);
    PlatformSecretGrants grants = settings.grants();
    List<Violation> out = new ArrayList<>();
    refs.forEach(
        (field, ref) -> {
          if (alreadyRefused.contains(field)) {
            return;
          }
          switch (ref) {
            case SecretRef.Tenant tenant -> {
              if (!existing.contains(tenant.name())) {
                out.add(
                    new Violation(
                        field,
                        "names "
                            + tenant.text()
                            + ", which this tenant does not have (PUT /v1/secrets/"
                            + tenant.name()
                            + " first)"));
              }
            }
            case SecretRef.Platform platform -> {
              if (!grants.grants(platform.text(), tenantId)) {
                out.add(
                    new Violation(
                        field,
                        platform.text()
                            + " is a platform secret the operator has not granted to this"
                            + " tenant"));
              }
            }
          }
        });
    return out;
  }
}
