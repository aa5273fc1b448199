package dev.agentruntime.systemtests;

import dev.agentruntime.standalone.Infrastructure;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads what the worker stored, straight from the S3 server, with the MinIO client. */
final class ObjectStoreReader {

  static final String BUCKET = "agent-runtime";

  private final MinioClient client;

  ObjectStoreReader(Infrastructure infrastructure) {
    this(infrastructure.s3Endpoint(), infrastructure.s3AccessKey(), infrastructure.s3SecretKey());
  }

  ObjectStoreReader(String endpoint, String accessKey, String secretKey) {
    this.client =
        MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).build();
  }

  String read(String objectKey) throws Exception {
    try (InputStream in =
        client.getObject(GetObjectArgs.builder().bucket(BUCKET).object(objectKey).build())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
