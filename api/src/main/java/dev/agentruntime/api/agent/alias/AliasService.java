package dev.agentruntime.api.agent.alias;

import dev.agentruntime.api.agent.AgentRepository;
import dev.agentruntime.api.agent.AgentVersionRepository;
import dev.agentruntime.api.error.InvalidParameter;
import dev.agentruntime.api.error.InvalidReference;
import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.error.PreconditionFailed;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.core.spec.AgentReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Aliases of a tenant's agents (docs/api.md#aliases). A move is one transaction under the agent's
 * row lock: the alias row and its history entry change together, and runs admitted before or after
 * it see the old or the new target, never a mix (admission reads the alias in the statement that
 * writes the run). Runs already admitted are pinned to the version they resolved to, so a move
 * never touches them; rolling back is moving the alias back.
 */
@ApplicationScoped
public class AliasService {

  /**
   * An alias name: as V25's check, and never "latest" (a run without a version means that); the
   * rule sub-agent tools and pipeline steps naming an alias follow too.
   */
  public static final String NAME_REGEX = AgentReference.ALIAS_REGEX;

  private static final Pattern NAME = Pattern.compile(NAME_REGEX);

  private final AgentRepository agents;
  private final AgentVersionRepository versions;
  private final AliasRepository aliases;

  public AliasService(
      AgentRepository agents, AgentVersionRepository versions, AliasRepository aliases) {
    this.agents = agents;
    this.versions = versions;
    this.aliases = aliases;
  }

  /** The outcome of a {@link #put}: the alias as it is now, and whether this call created it. */
  public record Put(AliasResponse alias, boolean created) {}

  /**
   * Points the alias at {@code target}, creating it if needed. A target equal to the current one
   * changes nothing (no new revision, no history entry), so a repeated request is harmless.
   *
   * @param ifMatch null, or the {@code If-Match} header: the move happens only while the alias's
   *     ETag is that ({@code *}: while it exists)
   */
  @Transactional
  public Put put(
      String tenantId,
      UUID agentId,
      String name,
      PutAliasRequest target,
      String ifMatch,
      String actor) {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidParameter(
          "name",
          "an alias name: a lowercase letter, then up to 62 lowercase letters, digits or '-';"
              + " not 'latest'");
    }
    checkShape(target);
    agents.lockAgent(tenantId, agentId).orElseThrow(() -> new NotFound("Agent " + agentId));
    checkVersionsExist(tenantId, agentId, target);
    Optional<AliasResponse> current = aliases.find(tenantId, agentId, name);
    checkPrecondition(name, current, ifMatch);
    if (current.isPresent() && sameTarget(current.get(), target)) {
      return new Put(current.get(), false);
    }
    int revision = aliases.nextRevision(tenantId, agentId, name);
    aliases.save(tenantId, agentId, name, target, revision, current.isEmpty(), actor);
    return new Put(aliases.find(tenantId, agentId, name).orElseThrow(), current.isEmpty());
  }

  public List<AliasResponse> list(String tenantId, UUID agentId) {
    requireAgent(tenantId, agentId);
    return aliases.list(tenantId, agentId);
  }

  /** The alias, if the agent has it; for callers that hold the agent already. */
  /**
   * The alias names of the tenant's agents named {@code agentNames}, by agent name (absent: no such
   * agent of the tenant, or one without aliases). What a spec naming agents by alias is checked
   * against at publish.
   */
  public Map<String, Set<String>> namesByAgentName(String tenantId, Collection<String> agentNames) {
    return aliases.namesByAgentName(tenantId, agentNames);
  }

  public Optional<AliasResponse> find(String tenantId, UUID agentId, String name) {
    return aliases.find(tenantId, agentId, name);
  }

  public AliasResponse get(String tenantId, UUID agentId, String name) {
    requireAgent(tenantId, agentId);
    return aliases
        .find(tenantId, agentId, name)
        .orElseThrow(() -> new NotFound("Alias '" + name + "' of agent " + agentId));
  }

  /** Removes the alias; runs naming it afterwards answer 404. Recorded in its history. */
  @Transactional
  public void delete(String tenantId, UUID agentId, String name, String ifMatch, String actor) {
    agents.lockAgent(tenantId, agentId).orElseThrow(() -> new NotFound("Agent " + agentId));
    Optional<AliasResponse> current = aliases.find(tenantId, agentId, name);
    if (current.isEmpty()) {
      throw new NotFound("Alias '" + name + "' of agent " + agentId);
    }
    checkPrecondition(name, current, ifMatch);
    aliases.delete(tenantId, agentId, name, aliases.nextRevision(tenantId, agentId, name), actor);
  }

  /** The alias's changes, newest first; kept after the alias is deleted. */
  public List<AliasChangeResponse> history(String tenantId, UUID agentId, String name, int limit) {
    requireAgent(tenantId, agentId);
    List<AliasChangeResponse> changes = aliases.history(tenantId, agentId, name, limit);
    if (changes.isEmpty()) {
      throw new NotFound("Alias '" + name + "' of agent " + agentId);
    }
    return changes;
  }

  /** The ETag of an alias at a revision. */
  public static String etag(int revision) {
    return "\"" + revision + "\"";
  }

  private void requireAgent(String tenantId, UUID agentId) {
    agents.findAgent(tenantId, agentId).orElseThrow(() -> new NotFound("Agent " + agentId));
  }

  private static void checkShape(PutAliasRequest target) {
    AliasCanary canary = target.canary();
    if (canary != null && Objects.equals(canary.version(), target.version())) {
      throw new InvalidRequest(
          "A canary splits between two versions",
          List.of(new Violation("canary.version", "must differ from version")));
    }
  }

  private void checkVersionsExist(String tenantId, UUID agentId, PutAliasRequest target) {
    List<Violation> unknown = new ArrayList<>();
    if (versions.findVersion(tenantId, agentId, target.version()).isEmpty()) {
      unknown.add(new Violation("version", "the agent has no version " + target.version()));
    }
    AliasCanary canary = target.canary();
    if (canary != null && versions.findVersion(tenantId, agentId, canary.version()).isEmpty()) {
      unknown.add(new Violation("canary.version", "the agent has no version " + canary.version()));
    }
    if (!unknown.isEmpty()) {
      throw new InvalidReference("The alias names versions the agent does not have", unknown);
    }
  }

  private static void checkPrecondition(
      String name, Optional<AliasResponse> current, String ifMatch) {
    if (ifMatch == null) {
      return;
    }
    if (current.isEmpty()) {
      throw new PreconditionFailed(
          "If-Match was given but alias '" + name + "' does not exist. Nothing was changed.");
    }
    String etag = etag(current.get().revision());
    boolean matches =
        ifMatch.trim().equals("*")
            || List.of(ifMatch.split(",")).stream().map(String::trim).anyMatch(etag::equals);
    if (!matches) {
      throw new PreconditionFailed(
          "Alias '"
              + name
              + "' is at revision "
              + current.get().revision()
              + " (ETag "
              + etag
              + "), not the If-Match given: it was moved since it was read. Nothing was"
              + " changed.");
    }
  }

  private static boolean sameTarget(AliasResponse current, PutAliasRequest target) {
    return current.version() == target.version()
        && Objects.equals(current.canary(), target.canary());
  }
}
