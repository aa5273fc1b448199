package dev.agentruntime.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.secret.DataKeyWrapping.WrappedKey;
import dev.agentruntime.core.secret.KeyWrappingUnavailable;
import dev.agentruntime.core.secret.SecretCryptoException;
import dev.agentruntime.core.secret.SecretEnvelope;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.testkit.LocalKms;
import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The KMS key wrapping against a real KMS API server (local-kms). */
class AwsKmsKeyWrappingTest {

  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret"));

  @TempDir static Path dir;
  static LocalKms kms;

  @BeforeAll
  static void startKms() {
    kms = LocalKms.start(dir);
  }

  @AfterAll
  static void stopKms() {
    kms.close();
  }

  static AwsKmsKeyWrapping wrapping(String keyArn) {
    return AwsKmsKeyWrapping.connect(keyArn, Optional.of(URI.create(kms.endpoint())), CREDENTIALS);
  }

  @Test
  void aDataKeyWrappedForATenantUnwrapsForThatTenantUnderTheKeysArn() {
    AwsKmsKeyWrapping wrapping = wrapping(kms.keyArn());
    byte[] dataKey = SecretEnvelope.newDataKey();

    WrappedKey wrapped = wrapping.wrap("acme", dataKey);

    assertThat(wrapped.keyId()).isEqualTo(kms.keyArn()).isEqualTo(wrapping.activeKeyId());
    assertThat(HexFormat.of().formatHex(wrapped.wrapped()))
        .doesNotContain(HexFormat.of().formatHex(dataKey));
    assertThat(wrapping.unwrap("acme", wrapped.keyId(), wrapped.wrapped())).isEqualTo(dataKey);
  }

  @Test
  void aWrappedKeyCopiedToAnotherTenantIsRefusedByKms() {
    AwsKmsKeyWrapping wrapping = wrapping(kms.keyArn());
    WrappedKey wrapped = wrapping.wrap("acme", SecretEnvelope.newDataKey());

    assertThatThrownBy(() -> wrapping.unwrap("globex", wrapped.keyId(), wrapped.wrapped()))
        .isInstanceOf(SecretCryptoException.class)
        .hasMessage("the key does not open it, or it was changed");
  }

  @Test
  void aChangedWrappedKeyIsRefused() {
    AwsKmsKeyWrapping wrapping = wrapping(kms.keyArn());
    byte[] wrapped = wrapping.wrap("acme", SecretEnvelope.newDataKey()).wrapped();
    wrapped[wrapped.length - 1] ^= 1;

    assertThatThrownBy(() -> wrapping.unwrap("acme", kms.keyArn(), wrapped))
        .isInstanceOf(SecretCryptoException.class);
  }

  @Test
  void anotherKmsKeyDoesNotUnwrapWhatTheFirstWrapped() {
    WrappedKey wrapped = wrapping(kms.keyArn()).wrap("acme", SecretEnvelope.newDataKey());
    AwsKmsKeyWrapping other = wrapping(kms.otherKeyArn());

    assertThat(other.canUnwrap(wrapped.keyId())).isFalse();
    assertThatThrownBy(() -> other.unwrap("acme", wrapped.keyId(), wrapped.wrapped()))
        .isInstanceOf(IllegalArgumentException.class);
    // Even asked under its own ARN, KMS does not decrypt another key's ciphertext.
    assertThatThrownBy(() -> other.unwrap("acme", kms.otherKeyArn(), wrapped.wrapped()))
        .isInstanceOf(SecretCryptoException.class);
  }

  @Test
  void anUnreachableKmsFailsNamingTheCallAndNotTheKey() {
    byte[] dataKey = SecretEnvelope.newDataKey();
    AwsKmsKeyWrapping unreachable =
        AwsKmsKeyWrapping.connect(
            kms.keyArn(), Optional.of(URI.create("http://127.0.0.1:" + Ports.free())), CREDENTIALS);

    assertThatThrownBy(() -> unreachable.wrap("acme", dataKey))
        .isInstanceOf(KeyWrappingUnavailable.class)
        .hasMessageStartingWith("AWS KMS Encrypt with key " + kms.keyArn() + " failed")
        .hasMessageNotContaining(HexFormat.of().formatHex(dataKey));
  }

  @Test
  void anAliasOrAKeyIdIsNotAKeyArn() {
    for (String notArn :
        new String[] {
          "alias/agent-runtime",
          "bc436485-5092-42b8-92a3-0aa8b93536dc",
          "arn:aws:kms:eu-west-1:123456789012:alias/agent-runtime"
        }) {
      assertThatThrownBy(() -> AwsKmsKeyWrapping.connect(notArn, Optional.empty(), CREDENTIALS))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not the ARN of a KMS key");
    }
  }
}
