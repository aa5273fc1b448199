package dev.agentruntime.core.spec;

/**
 * A step's input or the pipeline's output could not be built at run time, typically because a
 * reference selects nothing (an earlier step answered without the field, or failed and was
 * continued past). The message names the step, where in its template, and the pointer.
 */
public final class PipelineInputException extends RuntimeException {

  private final String step;
  private final String path;
  private final String pointer;

  /**
   * @param step the step whose input was built, {@code null} for the pipeline's output
   * @param path where in the template, e.g. {@code input.topic} or {@code output}
   * @param pointer the pointer at fault, {@code null} when the fault is not a reference's
   * @param problem what went wrong, e.g. {@code selects nothing}
   */
  PipelineInputException(String step, String path, String pointer, String problem) {
    super(
        (step == null ? "the pipeline's output" : "step " + step)
            + ": "
            + path
            + (pointer == null ? "" : " {\"$ref\": " + quoted(pointer) + "}")
            + " "
            + problem);
    this.step = step;
    this.path = path;
    this.pointer = pointer;
  }

  public String step() {
    return step;
  }

  public String path() {
    return path;
  }

  public String pointer() {
    return pointer;
  }

  private static String quoted(String pointer) {
    return "\"" + pointer.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
