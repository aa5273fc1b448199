package dev.agentruntime.api;

import dev.agentruntime.kms.KeyWrappingSettings;
import dev.agentruntime.testkit.LocalKms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link ApiTestServices} with tenants' data keys wrapped by AWS KMS (a real KMS API server,
 * local-kms) instead of a master key: the ECS deployment's settings, with the endpoint pointed at
 * the local server.
 */
public class WithKmsServices extends ApiTestServices {

  private LocalKms kms;

  @Override
  protected boolean masterKey() {
    return false;
  }

  @Override
  public Map<String, String> start() {
    // The default AWS credentials chain (the task role in ECS) reads these; local-kms accepts any.
    System.setProperty("aws.accessKeyId", "test-key");
    System.setProperty("aws.secretAccessKey", "test-secret");
    try {
      kms = LocalKms.start(Files.createTempDirectory("api-test-kms"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> config = new HashMap<>(super.start());
    config.put(KeyWrappingSettings.KMS_KEY_ID, kms.keyArn());
    config.put(KeyWrappingSettings.KMS_ENDPOINT, kms.endpoint());
    return config;
  }

  @Override
  public void stop() {
    super.stop();
    if (kms != null) {
      kms.close();
    }
  }
}
