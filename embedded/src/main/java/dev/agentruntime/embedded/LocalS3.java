package dev.agentruntime.embedded;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3-compatible server (s3proxy) in this JVM, with AWS v4 authentication, so the MinIO client is
 * exercised exactly as against MinIO. Filesystem-backed when given a directory, else in memory.
 */
public final class LocalS3 implements AutoCloseable {

  public static final String ACCESS_KEY = "agent-runtime";
  public static final String SECRET_KEY = "agent-runtime-secret";

  private final S3Proxy proxy;
  private final int port;

  private LocalS3(S3Proxy proxy, int port) {
    this.proxy = proxy;
    this.port = port;
  }

  public static LocalS3 start(int port, Path directory) {
    try {
      BlobStore store;
      if (directory == null) {
        store = new TransientNio2BlobStore();
      } else {
        Files.createDirectories(directory);
        store = new FilesystemNio2BlobStore(directory.toAbsolutePath().toString());
      }
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(store)
              .endpoint(URI.create("http://127.0.0.1:" + port))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
              .build();
      proxy.start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
        }
        Thread.sleep(10);
      }
      return new LocalS3(proxy, port);
    } catch (Exception e) {
      throw new IllegalStateException("S3 server did not start on port " + port, e);
    }
  }

  public static LocalS3 startEphemeral() {
    return start(Ports.free(), null);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
