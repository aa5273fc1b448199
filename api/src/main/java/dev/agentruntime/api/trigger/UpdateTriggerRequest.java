package dev.agentruntime.api.trigger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /v1/triggers/{id}}: what is given changes, the rest stays. */
@Schema(example = "{\"enabled\": false}")
public record UpdateTriggerRequest(
    Boolean enabled,
    @Size(max = 512) @Pattern(regexp = TriggerRepository.POINTER_REGEX) String inputPointer,
    @Min(1) @Max(3600) Integer toleranceSeconds) {}
