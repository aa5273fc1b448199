package dev.agentruntime.api.secret;

import dev.agentruntime.api.error.InvalidParameter;
import dev.agentruntime.api.error.InvalidSecretValue;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.core.secret.SecretEnvelope;
import dev.agentruntime.core.secret.SecretValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A tenant's secrets: write-only values, readable metadata. The API seals values with the tenant's
 * data key (envelope encryption, {@link SecretEnvelope}) and never opens one: nothing here decrypts
 * a secret value, and no answer, log line or refusal carries one. The API opens one kind of sealed
 * value only: an inbound trigger's signing secret, to verify a delivery ({@code TriggerService}).
 */
@ApplicationScoped
public class SecretService {

  private final TenantSecretRepository secrets;
  private final TenantDataKeys dataKeys;

  public SecretService(TenantSecretRepository secrets, TenantDataKeys dataKeys) {
    this.secrets = secrets;
    this.dataKeys = dataKeys;
  }

  /**
   * Creates the tenant's secret {@code name}, or replaces its value with the next version. The
   * tenant's data key is created with its first secret, in the same transaction.
   *
   * @param actor who writes, recorded as the author; {@code CurrentActor.subject()} has checked
   *     that it can be
   */
  @Transactional
  public StoredSecret put(String tenantId, String name, PutSecretRequest request, String actor) {
    requireName(name);
    String problem = SecretValues.problem(request.value());
    if (problem != null) {
      throw new InvalidSecretValue(problem);
    }
    byte[] dataKey = dataKeys.forSealing(tenantId);
    byte[] value = request.value().getBytes(StandardCharsets.UTF_8);
    try {
      byte[] sealed = SecretEnvelope.seal(dataKey, tenantId, name, value);
      String fingerprint = SecretEnvelope.fingerprint(dataKey, value);
      SecretResponse stored = secrets.upsert(tenantId, name, sealed, fingerprint, actor);
      return new StoredSecret(stored, stored.version() == 1);
    } finally {
      // The key and the value's bytes are not kept past this call (the request's String cannot
      // be cleared, but no copy of ours lingers).
      Arrays.fill(dataKey, (byte) 0);
      Arrays.fill(value, (byte) 0);
    }
  }

  public List<SecretResponse> list(String tenantId) {
    return secrets.list(tenantId);
  }

  public SecretResponse get(String tenantId, String name) {
    requireName(name);
    return secrets.find(tenantId, name).orElseThrow(() -> notFound(name));
  }

  @Transactional
  public void delete(String tenantId, String name) {
    requireName(name);
    if (!secrets.delete(tenantId, name)) {
      throw notFound(name);
    }
  }

  private static void requireName(String name) {
    if (!SecretNames.isValid(name)) {
      // Checked before any lookup, and never sent on to the database.
      throw new InvalidParameter("name", SecretNames.EXPECTED);
    }
  }

  private static NotFound notFound(String name) {
    return new NotFound("Secret '" + name + "'");
  }
}
