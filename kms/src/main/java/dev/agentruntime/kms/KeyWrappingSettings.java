package dev.agentruntime.kms;

import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.LayeredKeyWrapping;
import dev.agentruntime.core.secret.MasterKeyring;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The key wrapping a deployment configures, read the same way by the API (which wraps) and the
 * worker (which unwraps): master keys ({@value MasterKeyring#KEYS_SETTING} or {@value
 * MasterKeyring#KEY_FILES_SETTING}, standalone and compose) or an AWS KMS key ({@value
 * #KMS_KEY_ID}, the ECS deployment), at most one of the three.
 *
 * <p>Moving from master keys to KMS: the old keys go to {@value #PREVIOUS_MASTER_KEYS}, which only
 * unwraps, so the API's start-up rotation re-wraps every data key under KMS with nothing lost.
 * Every message starts with the setting's name and never quotes a key.
 */
public final class KeyWrappingSettings {

  /** The ARN of the AWS KMS key that wraps tenants' data keys. */
  public static final String KMS_KEY_ID = "agent-runtime.secrets.kms-key-id";

  /** Another KMS endpoint than the key region's (a VPC endpoint, a local KMS in tests). */
  public static final String KMS_ENDPOINT = "agent-runtime.secrets.kms-endpoint";

  /** Master keys that wrapped data keys before {@value #KMS_KEY_ID} was set; they only unwrap. */
  public static final String PREVIOUS_MASTER_KEYS = "agent-runtime.secrets.previous-master-keys";

  /** What an operator is told to set when a deployment has no (or not the right) key. */
  public static final String SETTINGS =
      MasterKeyring.KEYS_SETTING + ", " + MasterKeyring.KEY_FILES_SETTING + " or " + KMS_KEY_ID;

  /** The settings' values; a list setting that is unset is empty, a string setting blank. */
  public record Values(
      List<String> masterKeys,
      List<String> masterKeyFiles,
      String kmsKeyId,
      String kmsEndpoint,
      List<String> previousMasterKeys) {}

  private KeyWrappingSettings() {}

  /**
   * The configured key wrapping, with the default AWS credentials chain (the ECS task role).
   *
   * @return empty when no key is set
   * @throws IllegalArgumentException naming the setting that is wrong and why
   */
  public static Optional<DataKeyWrapping> configured(Values values) {
    return configured(values, DefaultCredentialsProvider.builder().build());
  }

  /** As {@link #configured(Values)}, with these AWS credentials. */
  public static Optional<DataKeyWrapping> configured(
      Values values, AwsCredentialsProvider credentials) {
    List<String> previous = nonBlank(values.previousMasterKeys());
    String kmsKeyId = blankIfNull(values.kmsKeyId());
    String endpoint = blankIfNull(values.kmsEndpoint());
    if (kmsKeyId.isEmpty()) {
      if (!previous.isEmpty()) {
        throw new IllegalArgumentException(
            PREVIOUS_MASTER_KEYS
                + " is set without "
                + KMS_KEY_ID
                + ": it holds the master keys used before KMS; in a rotation between master keys,"
                + " list the old key after the new one in "
                + MasterKeyring.KEYS_SETTING);
      }
      if (!endpoint.isEmpty()) {
        throw new IllegalArgumentException(KMS_ENDPOINT + " is set without " + KMS_KEY_ID);
      }
      return MasterKeyring.configured(values.masterKeys(), values.masterKeyFiles())
          .map(DataKeyWrapping.class::cast);
    }
    if (!nonBlank(values.masterKeys()).isEmpty() || !nonBlank(values.masterKeyFiles()).isEmpty()) {
      throw new IllegalArgumentException(
          KMS_KEY_ID
              + " and "
              + MasterKeyring.SETTINGS
              + " are both set: with KMS, list the master keys used before it in "
              + PREVIOUS_MASTER_KEYS
              + " (they only unwrap, until the API has re-wrapped every data key under KMS)");
    }
    Optional<URI> endpointUri = endpoint(endpoint);
    DataKeyWrapping kms;
    try {
      kms = AwsKmsKeyWrapping.connect(kmsKeyId, endpointUri, credentials);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(KMS_KEY_ID + " " + e.getMessage());
    }
    if (previous.isEmpty()) {
      return Optional.of(kms);
    }
    try {
      return Optional.of(new LayeredKeyWrapping(kms, MasterKeyring.fromBase64(previous)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PREVIOUS_MASTER_KEYS + ": " + e.getMessage());
    }
  }

  private static Optional<URI> endpoint(String endpoint) {
    if (endpoint.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = URI.create(endpoint);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (IllegalArgumentException e) {
      // Reported below, as every other malformed endpoint.
    }
    throw new IllegalArgumentException(
        KMS_ENDPOINT + " must be an http(s) URL such as https://kms.eu-west-1.amazonaws.com");
  }

  private static List<String> nonBlank(List<String> entries) {
    return entries == null
        ? List.of()
        : entries.stream().map(String::strip).filter(e -> !e.isEmpty()).toList();
  }

  private static String blankIfNull(String value) {
    return value == null ? "" : value.strip();
  }
}
