package dev.agentruntime.worker.egress;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The worker's {@link Egress}, under the operator's policy (docs/security.md#egress). */
public class EgressProducer {

  private static final Logger LOG = Logger.getLogger(EgressProducer.class);

  @Produces
  @Singleton
  Egress egress(
      @ConfigProperty(name = "agent-runtime.egress.grants") Optional<String> grants,
      @ConfigProperty(name = "agent-runtime.egress.deployment-networks")
          Optional<List<String>> deploymentNetworks) {
    EgressPolicy policy =
        EgressPolicy.parse(grants.orElse(""), deploymentNetworks.orElse(List.of()));
    LOG.infof(
        "egress: non-public addresses refused; operator grants: %s; deployment networks: %s",
        grants.filter(g -> !g.isBlank()).orElse("none"),
        deploymentNetworks.map(Object::toString).orElse("none"));
    return new Egress(policy, HostResolver.SYSTEM);
  }
}
