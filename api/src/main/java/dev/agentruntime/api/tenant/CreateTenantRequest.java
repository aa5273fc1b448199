package dev.agentruntime.api.tenant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/tenants}. */
public record CreateTenantRequest(
    @NotBlank
        @Pattern(
            regexp = TenantIds.REGEX,
            message =
                "must be 2 to 63 lower-case letters, digits or dashes, starting with a letter")
        String id,
    @NotBlank @Size(max = 200) String displayName) {}
