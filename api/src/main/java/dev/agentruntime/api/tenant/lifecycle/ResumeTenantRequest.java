package dev.agentruntime.api.tenant.lifecycle;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/tenants/{id}/resume}; optional. */
@Schema(nullable = true, example = "{\"resumeRuns\": true}")
public record ResumeTenantRequest(
    @Schema(
            description =
                "Also resume the tenant's paused runs (every paused root run, including one a"
                    + " user paused); default false")
        Boolean resumeRuns) {}
