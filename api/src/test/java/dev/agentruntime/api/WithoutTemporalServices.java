package dev.agentruntime.api;

/** {@link ApiTestServices} with Temporal down until the test starts it. */
public class WithoutTemporalServices extends ApiTestServices {

  @Override
  protected boolean temporalLater() {
    return true;
  }
}
