package dev.agentruntime.api.tenant;

import dev.agentruntime.core.tenant.TenantIds;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.CodePointLength;

/** Body of {@code POST /v1/tenants}. */
public record CreateTenantRequest(
    @NotBlank
        @Pattern(
            regexp = TenantIds.REGEX,
            message =
                "must be 2 to 63 lower-case letters, digits or dashes, starting with a letter")
        String id,
    @NotBlank // Characters as PostgreSQL counts them (code points), not Java's UTF-16 units.
        @CodePointLength(max = 200)
        @Schema(maxLength = 200)
        String displayName) {}
