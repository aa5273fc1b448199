package dev.agentruntime.api;

/** {@link ApiTestServices} with Redis down until the test starts it. */
public class WithoutRedisServices extends ApiTestServices {

  @Override
  protected boolean redisLater() {
    return true;
  }
}
