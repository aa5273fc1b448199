package dev.agentruntime.api.secret;

import dev.agentruntime.api.error.InvalidParameter;
import dev.agentruntime.api.error.InvalidSecretValue;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.error.SecretStoreUnavailable;
import dev.agentruntime.api.secret.TenantDataKeyRepository.WrappedDataKey;
import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.KeyWrappingUnavailable;
import dev.agentruntime.core.secret.SecretEnvelope;
import dev.agentruntime.core.secret.SecretValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A tenant's secrets: write-only values, readable metadata. The API seals values with the tenant's
 * data key (envelope encryption, {@link SecretEnvelope}) and never opens one: nothing here decrypts
 * a secret value, and no answer, log line or refusal carries one. Unwrapping the tenant's data key
 * to seal with it is the one decryption the API does.
 */
@ApplicationScoped
public class SecretService {

  private static final Logger LOG = Logger.getLogger(SecretService.class);

  private final TenantSecretRepository secrets;
  private final TenantDataKeyRepository dataKeys;
  private final SecretSettings settings;

  public SecretService(
      TenantSecretRepository secrets, TenantDataKeyRepository dataKeys, SecretSettings settings) {
    this.secrets = secrets;
    this.dataKeys = dataKeys;
    this.settings = settings;
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
    DataKeyWrapping keyWrapping =
        settings
            .keyWrapping()
            .orElseThrow(
                () ->
                    new SecretStoreUnavailable(
                        "No master key is configured, so secrets cannot be encrypted; nothing was"
                            + " written. The operator must set "
                            + SecretSettings.KEY_SETTINGS
                            + " (docs/operations.md)."));
    byte[] dataKey;
    try {
      dataKey = dataKey(tenantId, keyWrapping);
    } catch (KeyWrappingUnavailable e) {
      // KMS unreachable, throttling or refusing this API: the operator's matter, and a retry may
      // succeed. The message names KMS's call and error code, no key or value.
      LOG.warnf(e, "tenant %s: %s", tenantId, e.getMessage());
      throw new SecretStoreUnavailable(
          "The key management service that wraps the tenant's data key did not answer; nothing"
              + " was written. Retry later; if it persists, the operator must check the API's"
              + " access to it (docs/operations.md).");
    }
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

  /** The tenant's data key in the clear, created (wrapped by the active key) if missing. */
  private byte[] dataKey(String tenantId, DataKeyWrapping keyWrapping) {
    WrappedDataKey wrapped =
        dataKeys
            .find(tenantId)
            .orElseGet(
                () -> {
                  byte[] fresh = SecretEnvelope.newDataKey();
                  try {
                    DataKeyWrapping.WrappedKey key = keyWrapping.wrap(tenantId, fresh);
                    dataKeys.insertIfAbsent(tenantId, key.keyId(), key.wrapped());
                  } finally {
                    Arrays.fill(fresh, (byte) 0);
                  }
                  // Read back: a concurrent first put may have stored its key first, and both
                  // must seal with the one that was kept.
                  return dataKeys
                      .find(tenantId)
                      .orElseThrow(() -> new IllegalStateException("data key not stored"));
                });
    if (!keyWrapping.canUnwrap(wrapped.masterKeyId())) {
      LOG.warnf(
          "the data key of tenant %s is wrapped by key %s, which is not in %s",
          tenantId, wrapped.masterKeyId(), SecretSettings.KEY_SETTINGS);
      throw new SecretStoreUnavailable(
          "The tenant's data key is wrapped by a key this API does not hold; nothing was written."
              + " The operator must list that key (after the active one) in "
              + SecretSettings.KEY_SETTINGS
              + ".");
    }
    return keyWrapping.unwrap(tenantId, wrapped.masterKeyId(), wrapped.wrappedKey());
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
