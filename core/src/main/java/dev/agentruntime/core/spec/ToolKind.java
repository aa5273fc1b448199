package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Built-in tools the worker can execute. */
public enum ToolKind {
  /**
   * Writes a named artifact (text content) of the run to the object store. Arguments: {@code name},
   * {@code content}, optional {@code contentType}.
   */
  @JsonProperty("write_artifact")
  WRITE_ARTIFACT
}
