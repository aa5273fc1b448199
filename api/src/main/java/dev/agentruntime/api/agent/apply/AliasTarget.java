package dev.agentruntime.api.agent.apply;

import dev.agentruntime.api.agent.alias.AliasCanary;
import dev.agentruntime.api.agent.alias.AliasResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an alias points: a version, and a canary when it splits. */
public record AliasTarget(
    int version,
    @Schema(nullable = true, description = "The canary; null when the alias does not split")
        AliasCanary canary) {

  static AliasTarget of(AliasResponse alias) {
    return alias == null ? null : new AliasTarget(alias.version(), alias.canary());
  }
}
