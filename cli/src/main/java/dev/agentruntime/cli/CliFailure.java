package dev.agentruntime.cli;

/** A failure agentctl reports as one line on stderr and exits with {@link #exitCode()}. */
public final class CliFailure extends RuntimeException {

  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static CliFailure usage(String message) {
    return new CliFailure(ExitCode.USAGE, message);
  }
}
