package dev.agentruntime.worker.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.kms.KeyWrappingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker reads the master keys as the API does: inline or from files, never both. */
class SecretResolverProducerTest {

  /** The worker's key wrapping from master keys or their files, no KMS key. */
  private static Optional<DataKeyWrapping> keyring(
      Optional<List<String>> masterKeys, Optional<List<String>> masterKeyFiles) {
    return SecretResolverProducer.keyWrapping(
        new KeyWrappingSettings.Values(
            masterKeys.orElse(List.of()), masterKeyFiles.orElse(List.of()), "", "", List.of()));
  }

  @TempDir Path dir;

  private String newKey(String name) throws Exception {
    Path file = dir.resolve(name);
    MasterKeyring.writeNewKey(file);
    return Files.readString(file).strip();
  }

  @Test
  void inlineKeysTheFirstOneActive() throws Exception {
    String active = newKey("active");
    String old = newKey("old");

    MasterKeyring keyring =
        (MasterKeyring) keyring(Optional.of(List.of(active, old)), Optional.empty()).orElseThrow();

    assertThat(keyring.keys()).hasSize(2);
    assertThat(keyring.active().id())
        .isEqualTo(MasterKeyring.load(List.of(dir.resolve("active"))).active().id());
  }

  @Test
  void keyFilesAsBefore() throws Exception {
    newKey("active");

    assertThat(keyring(Optional.empty(), Optional.of(List.of(dir.resolve("active").toString()))))
        .hasValueSatisfying(keyring -> assertThat(keyring.keyIds()).hasSize(1));
  }

  @Test
  void neitherIsNoKeyring() {
    assertThat(keyring(Optional.empty(), Optional.empty())).isEmpty();
  }

  @Test
  void bothOrAMalformedKeyStopTheStartWithoutQuotingAKey() throws Exception {
    String key = newKey("active");

    assertThatThrownBy(
            () ->
                keyring(
                    Optional.of(List.of(key)),
                    Optional.of(List.of(dir.resolve("active").toString()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("are both set")
        .hasMessageNotContaining(key);
    assertThatThrownBy(() -> keyring(Optional.of(List.of(key, key.substring(1))), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("agent-runtime.secrets.master-keys: master key 2 of 2")
        .hasMessageNotContaining(key.substring(1));
  }
}
