package dev.agentruntime.api.agent.apply;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/apply}: agent files by file name (the names only label violations and the
 * plan), and whether to apply them or only answer the plan.
 */
@Schema(
    example =
        "{\"dryRun\": true, \"files\": {\"agents/triage.json\": {\"apiVersion\":"
            + " \"agent-runtime/v1\", \"kind\": \"Agent\", \"name\": \"triage\", \"spec\":"
            + " {\"model\": {\"provider\": \"demo\"}, \"instructions\": \"Sort tickets.\"},"
            + " \"aliases\": {\"prod\": {\"version\": \"this\"}}}}}")
public record ApplyRequest(
    @Schema(
            nullable = true,
            description = "True: answer the plan and change nothing. Default false: apply it")
        Boolean dryRun,
    @Schema(ref = "AgentFiles", required = true) @NotNull @Size(min = 1, max = 100)
        Map<String, JsonNode> files) {}
