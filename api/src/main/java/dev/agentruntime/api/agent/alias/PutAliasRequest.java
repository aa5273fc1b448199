package dev.agentruntime.api.agent.alias;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PUT /v1/agents/{id}/aliases/{name}}: where the alias points from now on. */
@Schema(example = "{\"version\": 7, \"canary\": {\"version\": 8, \"weight\": 5}}")
public record PutAliasRequest(
    @Schema(
            required = true,
            minimum = "1",
            description = "The version runs naming the alias take (all of them without a canary)")
        @NotNull
        @Positive
        Integer version,
    @Schema(
            nullable = true,
            description = "A split: this share of runs takes another version; null for none")
        @Valid
        AliasCanary canary) {}
