package dev.agentruntime.api.agent.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.api.agent.AgentEntity;
import dev.agentruntime.api.agent.AgentRepository;
import dev.agentruntime.api.agent.AgentVersionEntity;
import dev.agentruntime.api.agent.AgentVersionRepository;
import dev.agentruntime.api.agent.alias.AliasResponse;
import dev.agentruntime.api.agent.alias.AliasService;
import dev.agentruntime.api.error.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes an agent, its versions and its aliases as agent files ({@link AgentExportResponse}). */
@ApplicationScoped
public class AgentExportService {

  private final AgentRepository agents;
  private final AgentVersionRepository versions;
  private final AliasService aliases;
  private final ObjectMapper json;

  public AgentExportService(
      AgentRepository agents,
      AgentVersionRepository versions,
      AliasService aliases,
      ObjectMapper json) {
    this.agents = agents;
    this.versions = versions;
    this.aliases = aliases;
    this.json = json;
  }

  /** One read transaction, so the versions and the aliases are of the same moment. */
  @Transactional
  public AgentExportResponse export(String tenantId, UUID agentId) {
    AgentEntity agent =
        agents.findAgent(tenantId, agentId).orElseThrow(() -> new NotFound("Agent " + agentId));
    List<AgentVersionEntity> all = versions.listVersions(tenantId, agentId);
    List<AliasResponse> pointed = aliases.list(tenantId, agentId);
    Map<String, JsonNode> files = new LinkedHashMap<>();
    for (AgentVersionEntity version : all) {
      ObjectNode file = json.createObjectNode();
      file.put("apiVersion", AgentFiles.API_VERSION);
      file.put("kind", AgentFiles.KIND);
      file.put("name", agent.name);
      if (agent.description != null) {
        file.put("description", agent.description);
      }
      file.put("version", version.version);
      file.set("spec", spec(version));
      if (version == all.get(all.size() - 1) && !pointed.isEmpty()) {
        ObjectNode aliasNodes = file.putObject("aliases");
        for (AliasResponse alias : pointed) {
          ObjectNode node = aliasNodes.putObject(alias.name());
          node.put("version", alias.version());
          if (alias.canary() != null) {
            node.putObject("canary")
                .put("version", alias.canary().version())
                .put("weight", alias.canary().weight());
          }
        }
      }
      files.put(agent.name + "@" + version.version + ".json", file);
    }
    return new AgentExportResponse(files);
  }

  private JsonNode spec(AgentVersionEntity version) {
    try {
      return json.readTree(version.spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored spec of version " + version.id + " is not JSON", e);
    }
  }
}
