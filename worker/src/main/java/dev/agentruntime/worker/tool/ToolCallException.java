package dev.agentruntime.worker.tool;

/**
 * A tool call the model got wrong (unknown tool, bad arguments). Its message goes back to the model
 * as the tool's result so it can correct itself; the run goes on.
 */
public class ToolCallException extends RuntimeException {

  public ToolCallException(String message) {
    super(message);
  }
}
