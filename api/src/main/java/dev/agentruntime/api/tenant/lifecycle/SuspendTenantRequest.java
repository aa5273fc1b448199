package dev.agentruntime.api.tenant.lifecycle;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/tenants/{id}/suspend}; optional. */
@Schema(nullable = true, example = "{\"reason\": \"invoice unpaid\", \"runs\": \"pause\"}")
public record SuspendTenantRequest(
    @Schema(description = "Why; shown on the tenant and to its refused admissions' readers")
        @Size(max = 500)
        String reason,
    @Schema(
            enumeration = {"keep", "pause", "cancel"},
            description =
                "What becomes of the tenant's runs not ended: keep running (default), pause at"
                    + " their next step boundary, or cancel")
        @Pattern(regexp = "^(keep|pause|cancel)$")
        String runs) {}
