package dev.agentruntime.worker.storage;

import io.minio.MinioClient;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The S3 (MinIO) object store the worker keeps run data in. */
public class ObjectStoreProducer {

  @Produces
  @Singleton
  ObjectStore objectStore(
      @ConfigProperty(name = "agent-runtime.s3.endpoint") String endpoint,
      @ConfigProperty(name = "agent-runtime.s3.access-key") String accessKey,
      @ConfigProperty(name = "agent-runtime.s3.secret-key") String secretKey,
      @ConfigProperty(name = "agent-runtime.s3.bucket") String bucket,
      @ConfigProperty(name = "agent-runtime.s3.region") String region) {
    MinioClient client =
        MinioClient.builder()
            .endpoint(endpoint)
            .region(region)
            .credentials(accessKey, secretKey)
            .build();
    return new ObjectStore(client, bucket);
  }
}
