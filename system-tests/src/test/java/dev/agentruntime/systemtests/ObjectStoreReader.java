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

  /** Every object of the bucket, by key, as UTF-8 text. */
  java.util.Map<String, String> readAll() throws Exception {
    java.util.Map<String, String> objects = new java.util.LinkedHashMap<>();
    for (var item :
        client.listObjects(
            io.minio.ListObjectsArgs.builder().bucket(BUCKET).recursive(true).build())) {
      String key = item.get().objectName();
      objects.put(key, read(key));
    }
    return objects;
  }

  String read(String objectKey) throws Exception {
    try (InputStream in =
        client.getObject(GetObjectArgs.builder().bucket(BUCKET).object(objectKey).build())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
