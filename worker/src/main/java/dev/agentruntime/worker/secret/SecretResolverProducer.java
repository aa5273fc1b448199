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
      @ConfigProperty(name = "agent-runtime.secrets.master-key-files")
          Optional<List<String>> masterKeyFiles,
      @ConfigProperty(name = "agent-runtime.secrets.platform-grants") Optional<String> grants,
      @ConfigProperty(
              name = "agent-runtime.secrets.platform-file-dir",
              defaultValue = "/run/secrets")
          String fileDir) {
    PlatformSecretGrants parsed = PlatformSecretGrants.parse(grants.orElse(""));
    MasterKeyring keyring =
        masterKeyFiles
            .filter(files -> !files.isEmpty())
            .map(files -> MasterKeyring.load(files.stream().map(Path::of).toList()))
            .orElse(null);
    if (keyring == null) {
      LOG.warn(
          "secrets: no master key (agent-runtime.secrets.master-key-files): secret: references"
              + " fail until one is set");
    }
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
}
