package dev.agentruntime.api.secret;

import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.core.secret.PlatformSecretGrants;
import dev.agentruntime.kms.KeyWrappingSettings;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The secret store's settings, read at start-up so that a bad one stops the API before it serves
 * rather than failing the first request that needs it: what wraps tenants' data keys ({@link
 * KeyWrappingSettings}: master keys in {@code agent-runtime.secrets.master-keys} or files in {@code
 * agent-runtime.secrets.master-key-files}, or an AWS KMS key in {@code
 * agent-runtime.secrets.kms-key-id}; at most one) and the operator's grants of platform secrets
 * ({@code agent-runtime.secrets.platform-grants}). Without a key the store still lists, reads and
 * deletes metadata, but cannot encrypt a new value.
 */
@Startup
@ApplicationScoped
public class SecretSettings {

  static final String MASTER_KEYS = MasterKeyring.KEYS_SETTING;
  static final String MASTER_KEY_FILES = MasterKeyring.KEY_FILES_SETTING;

  /** The key settings, for messages that tell the operator what to set. */
  static final String KEY_SETTINGS = KeyWrappingSettings.SETTINGS;

  static final String PLATFORM_GRANTS = "agent-runtime.secrets.platform-grants";

  private static final Logger LOG = Logger.getLogger(SecretSettings.class);

  private final Optional<DataKeyWrapping> keyWrapping;
  private final PlatformSecretGrants grants;

  public SecretSettings(
      @ConfigProperty(name = MASTER_KEYS) Optional<List<String>> masterKeys,
      @ConfigProperty(name = MASTER_KEY_FILES) Optional<List<String>> masterKeyFiles,
      @ConfigProperty(name = KeyWrappingSettings.KMS_KEY_ID) Optional<String> kmsKeyId,
      @ConfigProperty(name = KeyWrappingSettings.KMS_ENDPOINT) Optional<String> kmsEndpoint,
      @ConfigProperty(name = KeyWrappingSettings.PREVIOUS_MASTER_KEYS)
          Optional<List<String>> previousMasterKeys,
      @ConfigProperty(name = PLATFORM_GRANTS) Optional<String> platformGrants) {
    // The messages name the setting and the file or position, never a key.
    this.keyWrapping =
        KeyWrappingSettings.configured(
            new KeyWrappingSettings.Values(
                masterKeys.orElse(List.of()),
                masterKeyFiles.orElse(List.of()),
                kmsKeyId.orElse(""),
                kmsEndpoint.orElse(""),
                previousMasterKeys.orElse(List.of())));
    this.grants = PlatformSecretGrants.parse(platformGrants.orElse(""));
    if (keyWrapping.isEmpty()) {
      LOG.warnf(
          "no master key (%s): secrets cannot be written (PUT /v1/secrets/{name} answers 503)"
              + " until one is configured",
          KEY_SETTINGS);
    } else {
      // Master key ids are one-way hashes of the keys, KMS keys ARNs: safe to log, what rows carry.
      LOG.infof(
          "secret store: data keys wrapped by %s; keys that unwrap: %s",
          keyWrapping.get().activeKeyId(), keyWrapping.get().keyIds());
    }
    // References only, never values (the API never reads a platform secret).
    LOG.infof(
        "platform secrets granted to tenants: %s",
        grants.refs().isEmpty() ? "none" : String.join(", ", grants.refs()));
  }

  /** What wraps tenants' data keys; empty when no key is configured. */
  public Optional<DataKeyWrapping> keyWrapping() {
    return keyWrapping;
  }

  public PlatformSecretGrants grants() {
    return grants;
  }
}
