package dev.agentruntime.api.run;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Artifact metadata of one tenant's runs: every method takes the tenant first. */
@ApplicationScoped
public class ArtifactRepository implements PanacheRepositoryBase<ArtifactEntity, UUID> {

  public List<ArtifactEntity> listForRun(String tenantId, UUID runId) {
    return find("tenantId = ?1 and runId = ?2 order by createdAt, name", tenantId, runId).list();
  }

  /** The artifact {@code name} of the tenant's run {@code runId}; a run is unique per name. */
  public Optional<ArtifactEntity> find(String tenantId, UUID runId, String name) {
    return find("tenantId = ?1 and runId = ?2 and name = ?3", tenantId, runId, name)
        .firstResultOptional();
  }

  /** The artifacts named {@code name} of these runs, by run: one query for a page of runs. */
  public Map<UUID, ArtifactEntity> findForRuns(
      String tenantId, Collection<UUID> runIds, String name) {
    if (runIds.isEmpty()) {
      return Map.of();
    }
    return find("tenantId = ?1 and name = ?2 and runId in ?3", tenantId, name, runIds).stream()
        .collect(Collectors.toMap(a -> a.runId, Function.identity()));
  }
}
