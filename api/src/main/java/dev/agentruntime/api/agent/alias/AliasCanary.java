package dev.agentruntime.api.agent.alias;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The second version of an alias's split and the percentage of runs that take it.
 *
 * @param weight of every 100 runs that name the alias, how many take this version
 */
@Schema(description = "The canary of a split: the version and the percentage of runs it takes")
public record AliasCanary(
    @Schema(required = true, minimum = "1") @NotNull @Positive Integer version,
    @Schema(
            required = true,
            minimum = "1",
            maximum = "99",
            description = "Percentage of runs (1 to 99) that take the canary version")
        @NotNull
        @Min(1)
        @Max(99)
        Integer weight) {}
