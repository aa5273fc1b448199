package dev.agentruntime.testkit;

import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * local-kms (the AWS KMS API, built from its Go module by {@code scripts/install-tools.sh
 * local-kms}) as a child process on a free port, its database in a directory of the test's. It
 * starts with two symmetric keys of random material, {@link #keyArn()} and {@link #otherKeyArn()},
 * in region {@value #REGION} of account {@value #ACCOUNT}. It accepts any AWS credentials.
 */
public final class LocalKms implements AutoCloseable {

  public static final String REGION = "eu-west-1";
  public static final String ACCOUNT = "123456789012";

  private final Process process;
  private final Path log;
  private final int port;
  private final String keyArn;
  private final String otherKeyArn;

  private LocalKms(Process process, Path log, int port, String keyArn, String otherKeyArn) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.keyArn = keyArn;
    this.otherKeyArn = otherKeyArn;
  }

  /**
   * Starts local-kms with its seed, database and log in {@code directory}; returns once it listens.
   */
  public static LocalKms start(Path directory) {
    String key = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    int port = Ports.free();
    Path seed = directory.resolve("local-kms-seed.yaml");
    Path data = directory.resolve("local-kms-data");
    Path log = directory.resolve("local-kms.log");
    try {
      Files.createDirectories(data);
      Files.writeString(seed, seed(key, other));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessBuilder builder =
        new ProcessBuilder(List.of(Tools.binary("local-kms").toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder
        .environment()
        .putAll(
            Map.of(
                "PORT", Integer.toString(port),
                "KMS_REGION", REGION,
                "KMS_ACCOUNT_ID", ACCOUNT,
                "KMS_DATA_PATH", data.toString(),
                "KMS_SEED_PATH", seed.toString()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start local-kms", e);
    }
    LocalKms kms = new LocalKms(process, log, port, arn(key), arn(other));
    kms.awaitListening(Duration.ofSeconds(30));
    return kms;
  }

  /** Two AES keys, each with its own random backing key. */
  static String seed(String key, String other) {
    SecureRandom random = new SecureRandom();
    StringBuilder yaml = new StringBuilder("Keys:\n  Symmetric:\n    Aes:\n");
    for (String id : List.of(key, other)) {
      byte[] material = new byte[32];
      random.nextBytes(material);
      yaml.append("      - Metadata:\n          KeyId: ")
          .append(id)
          .append("\n        BackingKeys:\n          - ")
          .append(HexFormat.of().formatHex(material))
          .append('\n');
    }
    return yaml.toString();
  }

  private static String arn(String keyId) {
    return "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + keyId;
  }

  /** The endpoint to give the KMS client in place of the region's. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The ARN of the first key. */
  public String keyArn() {
    return keyArn;
  }

  /** The ARN of a second key, which opens nothing the first one wrapped. */
  public String otherKeyArn() {
    return otherKeyArn;
  }

  private void awaitListening(Duration timeout) {
    Tools.awaitListening("local-kms", process, port, timeout, log);
  }

  @Override
  public void close() {
    Tools.stop(process);
  }
}
