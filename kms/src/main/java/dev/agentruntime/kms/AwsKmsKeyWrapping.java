package dev.agentruntime.kms;

import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.KeyWrappingUnavailable;
import dev.agentruntime.core.secret.SecretCryptoException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Tenants' data keys wrapped by an AWS KMS key ({@code kms:Encrypt}, {@code kms:Decrypt}): the key
 * material never leaves KMS, and every use is in CloudTrail.
 *
 * <p>The encryption context binds a wrapped key to its tenant ({@value #TENANT_CONTEXT}) and to
 * this use ({@value #PURPOSE_CONTEXT}): KMS refuses to decrypt it under any other context, so a
 * wrapped key copied to another tenant's row does not unwrap, and the IAM policy can require the
 * context key. The data key is generated locally (as for the master keys) and encrypted, rather
 * than made by {@code GenerateDataKey}, so that a rotation from master keys re-wraps existing data
 * keys with the same call that wraps new ones.
 *
 * <p>The key is named by its ARN, never an alias: the ARN is what rows store as the key that
 * wrapped them, and an alias can be pointed at another key.
 */
public final class AwsKmsKeyWrapping implements DataKeyWrapping {

  static final String TENANT_CONTEXT = "agent-runtime:tenant";
  static final String PURPOSE_CONTEXT = "agent-runtime:purpose";
  static final String PURPOSE = "tenant-data-key";

  /** A symmetric key's ARN in any partition; group 1 is its region. */
  static final Pattern KEY_ARN =
      Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):[0-9]{12}:key/[A-Za-z0-9-]{1,128}");

  /** Every call, retries included; a secret's use fails (and its activity retries) after it. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  private final KmsClient kms;
  private final String keyArn;

  AwsKmsKeyWrapping(KmsClient kms, String keyArn) {
    this.kms = kms;
    this.keyArn = keyArn;
  }

  /**
   * A KMS client for the key {@code keyArn}, in the key's region.
   *
   * @param endpoint another endpoint than the region's (a VPC endpoint's, or a local KMS in tests)
   * @param credentials the default chain in a deployment (the ECS task role)
   * @throws IllegalArgumentException when {@code keyArn} is not a key ARN
   */
  public static AwsKmsKeyWrapping connect(
      String keyArn, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
    Matcher arn = KEY_ARN.matcher(keyArn);
    if (!arn.matches()) {
      throw new IllegalArgumentException(
          "is not the ARN of a KMS key (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID); an alias is not"
              + " accepted, since it can be pointed at another key");
    }
    var builder =
        KmsClient.builder()
            .region(Region.of(arn.group(1)))
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder().apiCallTimeout(CALL_TIMEOUT).build());
    endpoint.ifPresent(builder::endpointOverride);
    return new AwsKmsKeyWrapping(builder.build(), keyArn);
  }

  @Override
  public String activeKeyId() {
    return keyArn;
  }

  @Override
  public boolean canUnwrap(String keyId) {
    return keyArn.equals(keyId);
  }

  @Override
  public List<String> keyIds() {
    return List.of(keyArn);
  }

  @Override
  public WrappedKey wrap(String tenantId, byte[] dataKey) {
    try {
      var response =
          kms.encrypt(
              EncryptRequest.builder()
                  .keyId(keyArn)
                  .plaintext(SdkBytes.fromByteArray(dataKey))
                  .encryptionContext(context(tenantId))
                  .build());
      return new WrappedKey(keyArn, response.ciphertextBlob().asByteArray());
    } catch (SdkException e) {
      throw failed("Encrypt", e);
    }
  }

  @Override
  public byte[] unwrap(String tenantId, String keyId, byte[] wrapped) {
    if (!canUnwrap(keyId)) {
      throw new IllegalArgumentException("KMS key " + keyId + " is not the configured one");
    }
    try {
      return kms.decrypt(
              DecryptRequest.builder()
                  .keyId(keyArn)
                  .ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                  .encryptionContext(context(tenantId))
                  .build())
          .plaintext()
          .asByteArray();
    } catch (InvalidCiphertextException | IncorrectKeyException e) {
      // KMS's answer when the context (the tenant) or the key does not match, or the blob changed.
      throw new SecretCryptoException("the key does not open it, or it was changed");
    } catch (SdkException e) {
      throw failed("Decrypt", e);
    }
  }

  private static Map<String, String> context(String tenantId) {
    return Map.of(TENANT_CONTEXT, tenantId, PURPOSE_CONTEXT, PURPOSE);
  }

  /**
   * KMS unreachable, throttling or refusing (access denied, key disabled): not a bad ciphertext, so
   * a retry may succeed. The message names the call and KMS's error code; the cause is kept for the
   * operator's log (KMS's messages name keys and reasons, never plaintext).
   */
  private KeyWrappingUnavailable failed(String call, SdkException e) {
    String code =
        e instanceof KmsException kmsError && kmsError.awsErrorDetails() != null
            ? kmsError.awsErrorDetails().errorCode()
            : e.getClass().getSimpleName();
    return new KeyWrappingUnavailable(
        "AWS KMS " + call + " with key " + keyArn + " failed: " + code, e);
  }
}
