package dev.agentruntime.storage;

import io.minio.MinioClient;
import io.minio.credentials.AwsEnvironmentProvider;
import io.minio.credentials.ChainedProvider;
import io.minio.credentials.IamAwsProvider;
import io.minio.credentials.Provider;
import java.util.Optional;

/**
 * The S3 client of {@link S3Config}, one factory for the worker (which writes run data) and the API
 * (which serves it), so both sign their requests the same way.
 */
public final class S3Clients {

  private S3Clients() {}

  /** The object store {@code config} describes. */
  public static ObjectStore objectStore(S3Config config) {
    return new ObjectStore(client(config), config.bucket());
  }

  /**
   * The client for {@code config}'s credentials choice.
   *
   * @throws IllegalArgumentException when static credentials lack a key
   */
  public static MinioClient client(S3Config config) {
    MinioClient.Builder builder =
        MinioClient.builder().endpoint(config.endpoint()).region(config.region());
    switch (config.credentials()) {
      case STATIC ->
          builder.credentials(
              required("agent-runtime.s3.access-key", config.accessKey()),
              required("agent-runtime.s3.secret-key", config.secretKey()));
      case AWS -> builder.credentialsProvider(awsCredentials());
    }
    return builder.build();
  }

  /**
   * The AWS chain: environment keys first (as the AWS SDKs), then {@link IamAwsProvider}, which
   * covers web identity, the ECS container endpoint and EC2 instance metadata. The client asks it
   * on every request; it caches the credentials until they expire, then fetches them again.
   */
  static Provider awsCredentials() {
    return new ChainedProvider(new AwsEnvironmentProvider(), new IamAwsProvider(null, null));
  }

  private static String required(String property, Optional<String> value) {
    return value
        .filter(v -> !v.isBlank())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    property
                        + " is required with agent-runtime.s3.credentials=static; set it, or set"
                        + " agent-runtime.s3.credentials=aws to use the task role"));
  }
}
