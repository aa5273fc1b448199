package dev.agentruntime.api.agent.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An agent as files: one per version, named {@code <agent>@<version>.json}, the latest holding the
 * aliases. {@code {"files": ...}} is a {@code POST /v1/apply} body as it is, so an export applied
 * to an empty tenant recreates the agent with the same versions (same content hashes) and aliases,
 * and applied where it came from changes nothing.
 */
public record AgentExportResponse(
    @Schema(ref = "ExportedAgentFiles") Map<String, JsonNode> files) {}
