package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of agent runtime a spec can name. */
public enum RuntimeKind {
  @JsonProperty("builtin")
  BUILTIN,
  @JsonProperty("http")
  HTTP,
  /** Steps that are runs of other agents, declared in {@link AgentSpec#pipeline()}. */
  @JsonProperty("pipeline")
  PIPELINE
}
