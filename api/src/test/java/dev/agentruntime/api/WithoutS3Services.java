package dev.agentruntime.api;

/** {@link ApiTestServices} with the object store unreachable: nothing listens where it points. */
public class WithoutS3Services extends ApiTestServices {

  @Override
  protected boolean s3Down() {
    return true;
  }
}
