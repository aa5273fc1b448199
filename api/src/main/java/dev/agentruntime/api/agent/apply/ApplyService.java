package dev.agentruntime.api.agent.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.api.agent.AgentEntity;
import dev.agentruntime.api.agent.AgentRepository;
import dev.agentruntime.api.agent.AgentService;
import dev.agentruntime.api.agent.AgentVersionEntity;
import dev.agentruntime.api.agent.AgentVersionRepository;
import dev.agentruntime.api.agent.CreateAgentRequest;
import dev.agentruntime.api.agent.PublishVersionRequest;
import dev.agentruntime.api.agent.PublishedVersion;
import dev.agentruntime.api.agent.alias.AliasCanary;
import dev.agentruntime.api.agent.alias.AliasResponse;
import dev.agentruntime.api.agent.alias.AliasService;
import dev.agentruntime.api.agent.alias.PutAliasRequest;
import dev.agentruntime.api.agent.apply.AgentFile.AliasEntry;
import dev.agentruntime.api.agent.apply.ApplyResponse.AliasMove;
import dev.agentruntime.api.agent.apply.ApplyResponse.FileChange;
import dev.agentruntime.api.error.InvalidAgentFiles;
import dev.agentruntime.api.error.InvalidReference;
import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.error.InvalidSpec;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.core.spec.AgentSpecJson;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Applies agent files (docs/agents-as-code.md) in one transaction: agents created, versions
 * published where a spec is new (its content hash decides, so applying the same files twice changes
 * nothing), descriptions set, aliases pointed. Every file is checked and every violation answered
 * at once, naming its file; then nothing is applied. A dry run does all of it and rolls back, so
 * its plan is exactly what the apply would do.
 */
@ApplicationScoped
public class ApplyService {

  private final AgentRepository agents;
  private final AgentVersionRepository versions;
  private final AgentService agentService;
  private final AliasService aliases;

  public ApplyService(
      AgentRepository agents,
      AgentVersionRepository versions,
      AgentService agentService,
      AliasService aliases) {
    this.agents = agents;
    this.versions = versions;
    this.agentService = agentService;
    this.aliases = aliases;
  }

  @Transactional
  public ApplyResponse apply(String tenantId, ApplyRequest request, String actor) {
    boolean dryRun = Boolean.TRUE.equals(request.dryRun());
    List<Violation> violations = new ArrayList<>();
    List<AgentFile> files = new ArrayList<>();
    // By name, so the answer does not depend on the order a JSON object happened to keep.
    new TreeMap<>(request.files())
        .forEach(
            (name, node) -> {
              if (name.isEmpty() || name.length() > 500) {
                violations.add(new Violation("files", "file names are 1 to 500 characters"));
                return;
              }
              AgentFile file = AgentFiles.read(name, node, violations);
              if (file != null) {
                files.add(file);
              }
            });
    List<List<AgentFile>> groups = ApplyOrder.of(files, violations);
    if (!violations.isEmpty()) {
      throw new InvalidAgentFiles(violations);
    }
    List<FileChange> changes = new ArrayList<>();
    for (List<AgentFile> group : groups) {
      changes.addAll(applyAgent(tenantId, group, actor, dryRun, violations));
    }
    if (!violations.isEmpty()) {
      throw new InvalidAgentFiles(violations);
    }
    if (dryRun) {
      QuarkusTransaction.setRollbackOnly();
    }
    return new ApplyResponse(dryRun, changes);
  }

  private List<FileChange> applyAgent(
      String tenantId,
      List<AgentFile> group,
      String actor,
      boolean dryRun,
      List<Violation> violations) {
    AgentFile last = group.get(group.size() - 1);
    Optional<AgentEntity> existing = agents.findByName(tenantId, last.name());
    boolean created = existing.isEmpty();
    UUID agentId =
        created
            ? agentService
                .create(tenantId, new CreateAgentRequest(last.name(), last.description()), actor)
                .id()
            : existing.get().id;
    boolean describedAnew =
        !created && agentService.describe(tenantId, agentId, last.description());
    // Aliases after every file of the agent: one may name a version a later file publishes.
    List<Runnable> aliasesToPoint = new ArrayList<>();
    List<FileChange> changes = new ArrayList<>();
    for (AgentFile file : group) {
      int before = violations.size();
      Published published = publish(tenantId, agentId, file, actor, violations);
      if (violations.size() > before) {
        continue;
      }
      FileChange change =
          new FileChange(
              file.file(),
              file.name(),
              dryRun && created ? null : agentId,
              created && file == group.get(0) ? "created" : published.action(),
              published.version(),
              file == last && describedAnew,
              new ArrayList<>());
      changes.add(change);
      aliasesToPoint.add(
          () ->
              change
                  .aliases()
                  .addAll(
                      pointAliases(
                          tenantId, agentId, file, published.version(), actor, violations)));
    }
    aliasesToPoint.forEach(Runnable::run);
    return changes;
  }

  /** The version a file's spec is after the publish, and what the publish did. */
  private record Published(int version, String action) {}

  private Published publish(
      String tenantId, UUID agentId, AgentFile file, String actor, List<Violation> violations) {
    if (file.version() != null) {
      Optional<AgentVersionEntity> numbered =
          versions.findVersion(tenantId, agentId, file.version());
      if (numbered.isPresent()) {
        if (!numbered.get().contentHash.equals(contentHash(file.spec()))) {
          violations.add(
              new Violation(
                  AgentFiles.at(file.file(), "spec"),
                  "is not the spec of version "
                      + file.version()
                      + ", which exists and is immutable: drop `version` to publish it as a"
                      + " new one"));
        }
        return new Published(file.version(), "unchanged");
      }
      int next = versions.findLatest(tenantId, agentId).map(v -> v.version + 1).orElse(1);
      if (file.version() != next) {
        violations.add(
            new Violation(
                AgentFiles.at(file.file(), "version"),
                "the agent's next version is " + next + "; versions are numbered in order"));
        return new Published(file.version(), "unchanged");
      }
    }
    PublishedVersion published;
    try {
      published =
          agentService.publish(tenantId, agentId, new PublishVersionRequest(file.spec()), actor);
    } catch (InvalidSpec invalid) {
      invalid.violations().stream()
          .map(v -> new Violation(AgentFiles.at(file.file(), "spec." + v.field()), v.message()))
          .forEach(violations::add);
      return new Published(0, "unchanged");
    }
    int version = published.version().version();
    if (file.version() != null && version != file.version()) {
      violations.add(
          new Violation(
              AgentFiles.at(file.file(), "version"),
              "the spec equals version " + version + "'s, the agent's latest"));
    }
    return new Published(version, published.created() ? "new_version" : "unchanged");
  }

  private List<AliasMove> pointAliases(
      String tenantId,
      UUID agentId,
      AgentFile file,
      int thisVersion,
      String actor,
      List<Violation> violations) {
    List<AliasMove> moves = new ArrayList<>();
    file.aliases()
        .forEach(
            (name, entry) -> {
              PutAliasRequest target = target(entry, thisVersion);
              Optional<AliasResponse> before = aliases.find(tenantId, agentId, name);
              try {
                AliasResponse after =
                    aliases.put(tenantId, agentId, name, target, null, actor).alias();
                String action =
                    before.isEmpty()
                        ? "created"
                        : before.get().revision() == after.revision() ? "unchanged" : "moved";
                moves.add(
                    new AliasMove(
                        name, action, AliasTarget.of(before.orElse(null)), AliasTarget.of(after)));
              } catch (InvalidReference | InvalidRequest refused) {
                List<Violation> why =
                    refused instanceof InvalidReference r
                        ? r.violations()
                        : ((InvalidRequest) refused).violations();
                why.forEach(
                    v ->
                        violations.add(
                            new Violation(
                                AgentFiles.at(file.file(), "aliases." + name + "." + v.field()),
                                v.message())));
              }
            });
    return moves;
  }

  private static PutAliasRequest target(AliasEntry entry, int thisVersion) {
    AliasCanary canary =
        entry.canaryVersion() == null
            ? null
            : new AliasCanary(entry.canaryVersion().resolve(thisVersion), entry.canaryWeight());
    return new PutAliasRequest(entry.version().resolve(thisVersion), canary);
  }

  private static String contentHash(JsonNode spec) {
    try {
      return AgentSpecJson.contentHash(AgentSpecJson.fromTree(spec));
    } catch (Exception unreadable) {
      return "";
    }
  }
}
