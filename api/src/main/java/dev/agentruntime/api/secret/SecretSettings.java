package dev.agentruntime.api.secret;

import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.core.secret.PlatformSecretGrants;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The secret store's settings, read at start-up so that a bad one stops the API before it serves
 * rather than failing the first request that needs it: the master keyring ({@code
 * agent-runtime.secrets.master-keys}, the keys themselves, or {@code
 * agent-runtime.secrets.master-key-files}, files holding them; one or the other, never both) and
 * the operator's grants of platform secrets ({@code agent-runtime.secrets.platform-grants}).
 * Without a keyring the store still lists, reads and deletes metadata, but cannot encrypt a new
 * value.
 */
@Startup
@ApplicationScoped
public class SecretSettings {

  static final String MASTER_KEYS = MasterKeyring.KEYS_SETTING;
  static final String MASTER_KEY_FILES = MasterKeyring.KEY_FILES_SETTING;

  /** Both master key settings, for messages that tell the operator what to set. */
  static final String MASTER_KEY_SETTINGS = MasterKeyring.SETTINGS;

  static final String PLATFORM_GRANTS = "agent-runtime.secrets.platform-grants";

  private static final Logger LOG = Logger.getLogger(SecretSettings.class);

  private final Optional<MasterKeyring> keyring;
  private final PlatformSecretGrants grants;

  public SecretSettings(
      @ConfigProperty(name = MASTER_KEYS) Optional<List<String>> masterKeys,
      @ConfigProperty(name = MASTER_KEY_FILES) Optional<List<String>> masterKeyFiles,
      @ConfigProperty(name = PLATFORM_GRANTS) Optional<String> platformGrants) {
    // MasterKeyring's messages name the setting and the file or position, never a key.
    this.keyring =
        MasterKeyring.configured(masterKeys.orElse(List.of()), masterKeyFiles.orElse(List.of()));
    this.grants = PlatformSecretGrants.parse(platformGrants.orElse(""));
    if (keyring.isEmpty()) {
      LOG.warnf(
          "no master key (%s): secrets cannot be written (PUT /v1/secrets/{name} answers 503)"
              + " until one is configured",
          MASTER_KEY_SETTINGS);
    } else {
      // Key ids are derived from the keys by a one-way hash: safe to log, and what rows carry.
      LOG.infof(
          "secret store: active master key %s, %d master key(s) in all",
          keyring.get().active().id(), keyring.get().keys().size());
    }
    // References only, never values (the API never reads a platform secret).
    LOG.infof(
        "platform secrets granted to tenants: %s",
        grants.refs().isEmpty() ? "none" : String.join(", ", grants.refs()));
  }

  /** The master keys, the first one active; empty when none is configured. */
  public Optional<MasterKeyring> keyring() {
    return keyring;
  }

  public PlatformSecretGrants grants() {
    return grants;
  }
}
