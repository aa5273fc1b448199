package dev.agentruntime.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where the object store of run data is and how the worker and the API sign their requests. */
@ConfigMapping(prefix = "agent-runtime.s3")
public interface S3Config {

  String endpoint();

  String bucket();

  String region();

  /**
   * Where the signing keys come from. An explicit choice, not "the keys are empty": an empty
   * environment value does read as unset over application.properties' minioadmin (S3ConfigTest),
   * but then the static default fails start-up for want of a key rather than quietly switching to
   * the task role, and a deployment says which credentials it means.
   */
  @WithDefault("static")
  Credentials credentials();

  /** Required with {@code credentials=static}; ignored with {@code aws}. */
  Optional<String> accessKey();

  /** Required with {@code credentials=static}; ignored with {@code aws}. */
  Optional<String> secretKey();

  enum Credentials {
    /** {@code access-key} and {@code secret-key}: MinIO, s3proxy, or an IAM user's keys. */
    STATIC,
    /**
     * The AWS chain: {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, then web identity,
     * the ECS task role ({@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI} or {@code _FULL_URI}), then
     * the EC2 instance profile. Temporary credentials are fetched again before they expire.
     */
    AWS
  }
}
