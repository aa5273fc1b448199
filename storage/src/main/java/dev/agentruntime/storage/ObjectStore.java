package dev.agentruntime.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Objects of runs (transcripts, tool results, artifacts) in one S3 bucket: the worker writes them,
 * the API reads artifacts back for clients.
 */
public class ObjectStore {

  private final MinioClient client;
  private final String bucket;

  public ObjectStore(MinioClient client, String bucket) {
    this.client = client;
    this.bucket = bucket;
  }

  public String bucket() {
    return bucket;
  }

  /** Creates the bucket unless it exists; safe to call from several workers at once. */
  public void ensureBucket() {
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      }
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
        throw new ObjectStoreException("bucket " + bucket + " could not be created", e);
      }
    } catch (MinioException | RuntimeException e) {
      // MinIO's client reports a network failure as an IllegalStateException around the I/O error.
      throw new ObjectStoreException("bucket " + bucket + " could not be created", e);
    }
  }

  /**
   * Writes (or overwrites) {@code key}: keys are deterministic, so a retry replaces, never adds.
   */
  public StoredObject putText(String key, String text, String contentType) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      client.putObject(
          PutObjectArgs.builder()
              .bucket(bucket)
              .object(key)
              .data(bytes, bytes.length)
              .contentType(contentType)
              .build());
    } catch (MinioException | RuntimeException e) {
      // MinIO's client reports a network failure as an IllegalStateException around the I/O error.
      throw new ObjectStoreException("object " + key + " could not be written", e);
    }
    return new StoredObject(key, bytes.length, sha256(bytes));
  }

  public String getText(String key) {
    return findText(key)
        .orElseThrow(() -> new ObjectStoreException("object " + key + " does not exist", null));
  }

  public Optional<String> findText(String key) {
    try (GetObjectResponse response =
        client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
      return Optional.of(new String(response.readAllBytes(), StandardCharsets.UTF_8));
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())) {
        return Optional.empty();
      }
      throw new ObjectStoreException("object " + key + " could not be read", e);
    } catch (MinioException | IOException | RuntimeException e) {
      // MinIO's client reports a network failure as an IllegalStateException around the I/O error.
      throw new ObjectStoreException("object " + key + " could not be read", e);
    }
  }

  /**
   * The bytes of {@code key} as a stream the caller closes, read as they are sent on (an artifact
   * may be larger than is worth holding in memory).
   *
   * @return empty when the object does not exist
   */
  public Optional<InputStream> open(String key) {
    try {
      return Optional.of(
          client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())) {
        return Optional.empty();
      }
      throw new ObjectStoreException("object " + key + " could not be read", e);
    } catch (MinioException | RuntimeException e) {
      // MinIO's client reports a network failure as an IllegalStateException around the I/O error.
      throw new ObjectStoreException("object " + key + " could not be read", e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
