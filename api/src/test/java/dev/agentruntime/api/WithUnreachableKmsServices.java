package dev.agentruntime.api;

import dev.agentruntime.embedded.Ports;
import dev.agentruntime.kms.KeyWrappingSettings;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link ApiTestServices} with a KMS key whose endpoint nothing listens on: AWS KMS unreachable
 * from the API.
 */
public class WithUnreachableKmsServices extends ApiTestServices {

  @Override
  protected boolean masterKey() {
    return false;
  }

  @Override
  public Map<String, String> start() {
    System.setProperty("aws.accessKeyId", "test-key");
    System.setProperty("aws.secretAccessKey", "test-secret");
    Map<String, String> config = new HashMap<>(super.start());
    config.put(
        KeyWrappingSettings.KMS_KEY_ID,
        "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000");
    config.put(KeyWrappingSettings.KMS_ENDPOINT, "http://127.0.0.1:" + Ports.free());
    return config;
  }
}
