package dev.agentruntime.core.activity;

/**
 * A tool call's result, stored for the next model call.
 *
 * @param resultKey object key of the tool result message
 * @param error whether the tool reported an error to the model (the run goes on: the model decides)
 * @param resultSha256 SHA-256 of the result as this attempt wrote it ({@link ObjectDigests});
 *     {@code null} when unknown
 */
public record ToolStepResult(String resultKey, boolean error, String resultSha256) {

  public ToolStepResult(String resultKey, boolean error) {
    this(resultKey, error, null);
  }
}
