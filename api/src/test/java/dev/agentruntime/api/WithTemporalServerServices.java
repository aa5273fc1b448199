package dev.agentruntime.api;

/** {@link ApiTestServices} on the real Temporal server (the CLI's dev server). */
public class WithTemporalServerServices extends ApiTestServices {

  @Override
  protected boolean temporalServer() {
    return true;
  }
}
