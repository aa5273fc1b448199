package dev.agentruntime.worker.secret;

import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.core.secret.PlatformSecretGrants;
import dev.agentruntime.kms.KeyWrappingSettings;
import dev.agentruntime.worker.store.TenantSecretRepository;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The worker's {@link SecretResolver} and {@link SealedValues} (which the webhook sender also opens
 * its signing secrets with), from the operator's settings (docs/security.md).
 */
public class SecretResolverProducer {

  private static final Logger LOG = Logger.getLogger(SecretResolverProducer.class);

  @Produces
  @Singleton
  SealedValues sealedValues(
      @ConfigProperty(name = MasterKeyring.KEYS_SETTING) Optional<List<String>> masterKeys,
      @ConfigProperty(name = MasterKeyring.KEY_FILES_SETTING) Optional<List<String>> masterKeyFiles,
      @ConfigProperty(name = KeyWrappingSettings.KMS_KEY_ID) Optional<String> kmsKeyId,
      @ConfigProperty(name = KeyWrappingSettings.KMS_ENDPOINT) Optional<String> kmsEndpoint,
      @ConfigProperty(name = KeyWrappingSettings.PREVIOUS_MASTER_KEYS)
          Optional<List<String>> previousMasterKeys) {
    return new SealedValues(
        keyWrapping(
                new KeyWrappingSettings.Values(
                    masterKeys.orElse(List.of()),
                    masterKeyFiles.orElse(List.of()),
                    kmsKeyId.orElse(""),
                    kmsEndpoint.orElse(""),
                    previousMasterKeys.orElse(List.of())))
            .orElse(null));
  }

  @Produces
  @Singleton
  SecretResolver secretResolver(
      TenantSecretRepository repository,
      SealedValues sealedValues,
      @ConfigProperty(name = "agent-runtime.secrets.platform-grants") Optional<String> grants,
      @ConfigProperty(
              name = "agent-runtime.secrets.platform-file-dir",
              defaultValue = "/run/secrets")
          String fileDir) {
    PlatformSecretGrants parsed = PlatformSecretGrants.parse(grants.orElse(""));
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
        new TenantSecrets(repository, sealedValues));
  }

  /**
   * The same key wrapping as the API's ({@link KeyWrappingSettings}: master keys, or an AWS KMS key
   * with the master keys used before it); empty, with a warning, when no key is set.
   *
   * @throws IllegalArgumentException naming the setting and the file or position of a bad key
   */
  static Optional<DataKeyWrapping> keyWrapping(KeyWrappingSettings.Values values) {
    Optional<DataKeyWrapping> keyWrapping = KeyWrappingSettings.configured(values);
    if (keyWrapping.isEmpty()) {
      LOG.warnf(
          "secrets: no master key (%s): secret: references fail until one is set",
          KeyWrappingSettings.SETTINGS);
    } else {
      // Master key ids are one-way hashes of the keys, KMS keys ARNs: safe to log.
      LOG.infof("secrets: keys %s, the first one active", keyWrapping.get().keyIds());
    }
    return keyWrapping;
  }
}
