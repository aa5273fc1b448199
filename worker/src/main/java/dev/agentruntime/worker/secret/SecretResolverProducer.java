package dev.agentruntime.worker.secret;

import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.core.secret.PlatformSecretGrants;
import dev.agentruntime.worker.store.TenantSecretRepository;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The worker's {@link SecretResolver}, from the operator's settings (docs/security.md). */
public class SecretResolverProducer {

  private static final Logger LOG = Logger.getLogger(SecretResolverProducer.class);

  @Produces
  @Singleton
  SecretResolver secretResolver(
      TenantSecretRepository repository,
      @ConfigProperty(name = MasterKeyring.KEYS_SETTING) Optional<List<String>> masterKeys,
      @ConfigProperty(name = MasterKeyring.KEY_FILES_SETTING) Optional<List<String>> masterKeyFiles,
      @ConfigProperty(name = "agent-runtime.secrets.platform-grants") Optional<String> grants,
      @ConfigProperty(
              name = "agent-runtime.secrets.platform-file-dir",
              defaultValue = "/run/secrets")
          String fileDir) {
    PlatformSecretGrants parsed = PlatformSecretGrants.parse(grants.orElse(""));
    MasterKeyring keyring = keyring(masterKeys, masterKeyFiles).orElse(null);
    for (String ref : parsed.unboundRefs()) {
      LOG.warnf(
          "secrets: the platform secret %s is granted without destinations: a granted tenant can"
              + " send it to any URL its spec names that the egress policy allows",
          ref);
    }
    return new SecretResolver(
        System.getenv(),
        parsed,
        new PlatformFiles(Path.of(fileDir)),
        new TenantSecrets(repository, keyring));
  }

  /**
   * The same keyring as the API's, from the keys themselves or from files (one of the two settings;
   * both stop the start-up), the first key active; empty, with a warning, when neither is set.
   *
   * @throws IllegalArgumentException naming the setting and the file or position of a bad key
   */
  static Optional<MasterKeyring> keyring(
      Optional<List<String>> masterKeys, Optional<List<String>> masterKeyFiles) {
    Optional<MasterKeyring> keyring =
        MasterKeyring.configured(masterKeys.orElse(List.of()), masterKeyFiles.orElse(List.of()));
    if (keyring.isEmpty()) {
      LOG.warnf(
          "secrets: no master key (%s): secret: references fail until one is set",
          MasterKeyring.SETTINGS);
    } else {
      // Key ids are one-way hashes of the keys: safe to log.
      LOG.infof(
          "secrets: master keys %s, the first one active",
          keyring.get().keys().stream().map(k -> k.id()).toList());
    }
    return keyring;
  }
}
