package dev.agentruntime.api;

/** {@link ApiTestServices} without a master key: the secret store cannot encrypt. */
public class WithoutMasterKeyServices extends ApiTestServices {

  @Override
  protected boolean masterKey() {
    return false;
  }
}
