package dev.agentruntime.api.run;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Artifact metadata of one tenant's runs: every method takes the tenant first. */
@ApplicationScoped
public class ArtifactRepository implements PanacheRepositoryBase<ArtifactEntity, UUID> {

  public List<ArtifactEntity> listForRun(String tenantId, UUID runId) {
    return find("tenantId = ?1 and runId = ?2 order by createdAt, name", tenantId, runId).list();
  }
}
