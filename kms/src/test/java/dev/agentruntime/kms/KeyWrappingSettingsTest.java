package dev.agentruntime.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.DataKeyWrapping.WrappedKey;
import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.core.secret.SecretEnvelope;
import dev.agentruntime.kms.KeyWrappingSettings.Values;
import dev.agentruntime.testkit.LocalKms;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyWrappingSettingsTest {

  static final String KEY_A = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  static final String KEY_B = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

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

  static DataKeyWrapping configured(Values values) {
    return KeyWrappingSettings.configured(values, AwsKmsKeyWrappingTest.CREDENTIALS).orElseThrow();
  }

  @Test
  void masterKeysAloneAreTheKeyringAsBefore() {
    DataKeyWrapping wrapping =
        configured(new Values(List.of(KEY_A, KEY_B), List.of(), "", "", null));

    assertThat(wrapping).isInstanceOf(MasterKeyring.class);
    assertThat(wrapping.activeKeyId())
        .isEqualTo(MasterKeyring.fromBase64(List.of(KEY_A)).activeKeyId());
  }

  @Test
  void nothingSetIsNoKeyWrapping() {
    assertThat(
            KeyWrappingSettings.configured(
                new Values(List.of(), List.of(" "), null, null, List.of()),
                AwsKmsKeyWrappingTest.CREDENTIALS))
        .isEmpty();
  }

  @Test
  void aKmsKeyWrapsNewDataKeysAndPreviousMasterKeysStillUnwrapOldOnes() {
    MasterKeyring before = MasterKeyring.fromBase64(List.of(KEY_A));
    byte[] dataKey = SecretEnvelope.newDataKey();
    WrappedKey old = before.wrap("acme", dataKey);

    DataKeyWrapping wrapping =
        configured(new Values(List.of(), List.of(), kms.keyArn(), kms.endpoint(), List.of(KEY_A)));

    assertThat(wrapping.activeKeyId()).isEqualTo(kms.keyArn());
    assertThat(wrapping.keyIds()).containsExactly(kms.keyArn(), before.activeKeyId());
    assertThat(wrapping.unwrap("acme", old.keyId(), old.wrapped())).isEqualTo(dataKey);
    WrappedKey rewrapped = wrapping.wrap("acme", dataKey);
    assertThat(rewrapped.keyId()).isEqualTo(kms.keyArn());
    assertThat(wrapping.unwrap("acme", rewrapped.keyId(), rewrapped.wrapped())).isEqualTo(dataKey);
  }

  @Test
  void aKmsKeyBesideMasterKeysIsRefusedNamingWhereTheOldKeysGo() {
    assertThatThrownBy(
            () -> configured(new Values(List.of(KEY_A), List.of(), kms.keyArn(), "", List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(KeyWrappingSettings.KMS_KEY_ID + " and ")
        .hasMessageContaining(KeyWrappingSettings.PREVIOUS_MASTER_KEYS)
        .hasMessageNotContaining(KEY_A);
    assertThatThrownBy(
            () ->
                configured(
                    new Values(List.of(), List.of("/run/secrets/key"), kms.keyArn(), "", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(KeyWrappingSettings.KMS_KEY_ID + " and ");
  }

  @Test
  void previousMasterKeysWithoutKmsAreRefused() {
    assertThatThrownBy(
            () -> configured(new Values(List.of(KEY_B), List.of(), "", "", List.of(KEY_A))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(KeyWrappingSettings.PREVIOUS_MASTER_KEYS + " is set without ")
        .hasMessageNotContaining(KEY_A);
  }

  @Test
  void aMalformedSettingIsRefusedNamingItAndNeverQuotingAKey() {
    assertThatThrownBy(() -> configured(new Values(List.of(), List.of(), "alias/x", "", null)))
        .hasMessageStartingWith(KeyWrappingSettings.KMS_KEY_ID + " is not the ARN of a KMS key");
    assertThatThrownBy(
            () -> configured(new Values(List.of(), List.of(), kms.keyArn(), "kms.local", null)))
        .hasMessageStartingWith(KeyWrappingSettings.KMS_ENDPOINT + " must be an http(s) URL");
    assertThatThrownBy(
            () ->
                configured(
                    new Values(List.of(), List.of(), kms.keyArn(), "", List.of("s3cr3t-not-b64!"))))
        .hasMessageStartingWith(KeyWrappingSettings.PREVIOUS_MASTER_KEYS + ": master key 1 of 1")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(
            () -> configured(new Values(List.of(KEY_A), List.of(), "", "http://x", null)))
        .hasMessageStartingWith(KeyWrappingSettings.KMS_ENDPOINT + " is set without ");
  }
}
