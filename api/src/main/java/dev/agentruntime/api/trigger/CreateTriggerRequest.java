package dev.agentruntime.api.trigger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/triggers}. */
@Schema(
    example =
        "{\"name\": \"github-issues\", \"agentName\": \"support-triage\", \"preset\": \"github\","
            + " \"inputPointer\": \"/issue\"}")
public record CreateTriggerRequest(
    @NotNull @Pattern(regexp = TriggerRepository.NAME_REGEX) String name,
    @NotNull @Size(min = 1, max = 63) String agentName,
    @Schema(description = "Pin this version; absent: each run takes the agent's latest") @Positive
        Integer version,
    @NotNull @Schema(enumeration = {"standard-webhooks", "github", "slack"}) String preset,
    @Schema(description = "JSON Pointer into a delivery's body; default '' (the whole body)")
        @Size(max = 512)
        @Pattern(regexp = TriggerRepository.POINTER_REGEX)
        String inputPointer,
    @Schema(description = "Seconds a signed timestamp may be off; default 300") @Min(1) @Max(3600)
        Integer toleranceSeconds) {}
