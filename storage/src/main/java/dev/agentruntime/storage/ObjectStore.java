package dev.agentruntime.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.DeleteRequest;
import io.minio.messages.DeleteResult;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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

  /**
   * The keys under {@code prefix}, every one of them (the listing is paged by the client); none
   * while the bucket does not exist.
   */
  public List<String> keys(String prefix) {
    List<String> keys = new ArrayList<>();
    try {
      for (Result<Item> item :
          client.listObjects(
              ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
        keys.add(item.get().objectName());
      }
    } catch (ErrorResponseException e) {
      if ("NoSuchBucket".equals(e.errorResponse().code())) {
        // The worker makes the bucket when it first writes: none yet, nothing stored yet.
        return keys;
      }
      throw new ObjectStoreException("objects under " + prefix + " could not be listed", e);
    } catch (MinioException | RuntimeException e) {
      // MinIO's client reports a network failure as an IllegalStateException around the I/O error.
      throw new ObjectStoreException("objects under " + prefix + " could not be listed", e);
    }
    return keys;
  }

  /**
   * Deletes every object under {@code prefix}; idempotent (a second call finds none).
   *
   * @return how many objects it deleted
   */
  public int deleteUnder(String prefix) {
    List<String> keys = keys(prefix);
    // At most 1,000 keys per S3 DeleteObjects request.
    for (int from = 0; from < keys.size(); from += 1000) {
      List<DeleteRequest.Object> batch =
          keys.subList(from, Math.min(keys.size(), from + 1000)).stream()
              .map(DeleteRequest.Object::new)
              .toList();
      try {
        for (Result<DeleteResult.Error> error :
            client.removeObjects(
                RemoveObjectsArgs.builder().bucket(bucket).objects(batch).build())) {
          DeleteResult.Error failed = error.get();
          throw new ObjectStoreException(
              "object " + failed.objectName() + " could not be deleted: " + failed.code(), null);
        }
      } catch (MinioException | RuntimeException e) {
        if (e instanceof ObjectStoreException refused) {
          throw refused;
        }
        throw new ObjectStoreException("objects under " + prefix + " could not be deleted", e);
      }
    }
    return keys.size();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
