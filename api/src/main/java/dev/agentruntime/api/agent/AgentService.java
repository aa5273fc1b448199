package dev.agentruntime.api.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.error.AlreadyExists;
import dev.agentruntime.api.error.InvalidSpec;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.json.JsonPaths;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.api.secret.SecretReferences;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.AgentSpecJson;
import dev.agentruntime.core.spec.AgentSpecValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Agents and their immutable versions, always within one tenant. */
@ApplicationScoped
public class AgentService {

  private final AgentRepository agents;
  private final AgentVersionRepository versions;
  private final SecretReferences secretRefs;
  private final SubAgentReferences subAgentRefs;
  private final ObjectMapper json;

  public AgentService(
      AgentRepository agents,
      AgentVersionRepository versions,
      SecretReferences secretRefs,
      SubAgentReferences subAgentRefs,
      ObjectMapper json) {
    this.agents = agents;
    this.versions = versions;
    this.secretRefs = secretRefs;
    this.subAgentRefs = subAgentRefs;
    this.json = json;
  }

  /**
   * @param actor who creates it, recorded as its author
   */
  @Transactional
  public AgentResponse create(String tenantId, CreateAgentRequest request, String actor) {
    Optional<AgentEntity> existing = agents.findByName(tenantId, request.name());
    if (existing.isPresent()) {
      UUID id = existing.get().id;
      throw new AlreadyExists(
          "An agent named '" + request.name() + "' already exists (id " + id + ")",
          "/v1/agents/" + id);
    }
    AgentEntity agent = new AgentEntity();
    agent.id = UUID.randomUUID();
    agent.tenantId = tenantId;
    agent.name = request.name();
    agent.description = request.description();
    agent.createdAt = now();
    agent.createdBy = actor;
    try {
      agents.persistAndFlush(agent);
    } catch (PersistenceException e) {
      throw new AlreadyExists("An agent named '" + request.name() + "' already exists", null);
    }
    return AgentResponse.of(agent);
  }

  /**
   * Sets the agent's description (null removes it).
   *
   * @return whether it changed
   */
  @Transactional
  public boolean describe(String tenantId, UUID agentId, String description) {
    AgentEntity agent =
        agents.lockAgent(tenantId, agentId).orElseThrow(() -> new NotFound("Agent " + agentId));
    if (java.util.Objects.equals(agent.description, description)) {
      return false;
    }
    agent.description = description;
    return true;
  }

  public List<AgentResponse> list(String tenantId) {
    return agents.listAgents(tenantId).stream().map(AgentResponse::of).toList();
  }

  public AgentResponse get(String tenantId, UUID agentId) {
    return AgentResponse.of(requireAgent(tenantId, agentId));
  }

  /**
   * Publishes a spec as the agent's next version. The spec must validate and name only secrets the
   * tenant may use ({@link SecretReferences}). The agent row is locked first, so concurrent
   * publishes are numbered one after the other; a spec equal to the latest one is not published
   * again (and keeps the author it has).
   *
   * @param actor who publishes, recorded as the new version's author
   */
  @Transactional
  public PublishedVersion publish(
      String tenantId, UUID agentId, PublishVersionRequest request, String actor) {
    AgentSpec spec = parse(request.spec());
    List<Violation> violations =
        new ArrayList<>(
            AgentSpecValidator.validate(spec).stream()
                .map(v -> new Violation(v.field(), v.message()))
                .toList());
    // Whose secrets and sub-agents the spec names are rules of this tenant, not of the spec
    // alone; their refusals join the validator's, so one answer names every field to fix.
    Set<String> refused = violations.stream().map(Violation::field).collect(Collectors.toSet());
    violations.addAll(secretRefs.violations(tenantId, spec, refused));
    violations.addAll(subAgentRefs.violations(tenantId, spec, refused));
    if (!violations.isEmpty()) {
      throw invalidSpec(violations);
    }
    agents.lockAgent(tenantId, agentId).orElseThrow(() -> new NotFound("Agent " + agentId));
    String hash = AgentSpecJson.contentHash(spec);
    Optional<AgentVersionEntity> latest = versions.findLatest(tenantId, agentId);
    if (latest.isPresent() && latest.get().contentHash.equals(hash)) {
      return new PublishedVersion(toResponse(latest.get()), false);
    }
    AgentVersionEntity version = new AgentVersionEntity();
    version.id = UUID.randomUUID();
    version.tenantId = tenantId;
    version.agentId = agentId;
    version.version = latest.map(v -> v.version + 1).orElse(1);
    // Stored as sent (it was read strictly, so nothing in it was coerced); the hash is taken over
    // the spec's meaning, so a re-publish that only reorders keys is recognised as unchanged.
    version.spec = writeJson(request.spec());
    version.contentHash = hash;
    version.createdAt = now();
    version.createdBy = actor;
    versions.persistAndFlush(version);
    return new PublishedVersion(toResponse(version), true);
  }

  public List<AgentVersionResponse> listVersions(String tenantId, UUID agentId) {
    requireAgent(tenantId, agentId);
    return versions.listVersions(tenantId, agentId).stream().map(this::toResponse).toList();
  }

  public AgentVersionResponse getVersion(String tenantId, UUID agentId, int version) {
    return versions
        .findVersion(tenantId, agentId, version)
        .map(this::toResponse)
        .orElseThrow(() -> new NotFound("Version " + version + " of agent " + agentId));
  }

  private AgentEntity requireAgent(String tenantId, UUID agentId) {
    return agents.findAgent(tenantId, agentId).orElseThrow(() -> new NotFound("Agent " + agentId));
  }

  private AgentSpec parse(JsonNode tree) {
    if (!tree.isObject()) {
      throw invalidSpec(List.of(new Violation("spec", "must be a JSON object")));
    }
    try {
      return AgentSpecJson.fromTree(tree);
    } catch (JsonMappingException e) {
      String field = JsonPaths.of(e);
      String message =
          e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException
              ? "is not a known field"
              : "has the wrong type or value";
      throw invalidSpec(List.of(new Violation(field.isEmpty() ? "spec" : field, message)));
    } catch (JsonProcessingException e) {
      throw invalidSpec(List.of(new Violation("spec", "is not a valid agent spec")));
    }
  }

  AgentVersionResponse toResponse(AgentVersionEntity version) {
    try {
      return new AgentVersionResponse(
          version.id,
          version.agentId,
          version.version,
          version.contentHash,
          json.readTree(version.spec),
          version.createdAt,
          version.createdBy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored spec of version " + version.id + " is not JSON", e);
    }
  }

  private String writeJson(JsonNode tree) {
    try {
      return json.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree must always serialize", e);
    }
  }

  private static InvalidSpec invalidSpec(List<Violation> violations) {
    return new InvalidSpec(violations);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
