package dev.agentruntime.api.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.core.secret.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings are read when the bean is made, at start-up ({@code @Startup}): a bad one throws
 * there, which stops the API before it serves, with a message naming the setting and never a key.
 */
class SecretSettingsTest {

  @TempDir Path dir;

  /** The settings with master keys (or files) and grants, no KMS key. */
  private static SecretSettings settings(
      Optional<List<String>> masterKeys,
      Optional<List<String>> masterKeyFiles,
      Optional<String> platformGrants) {
    return new SecretSettings(
        masterKeys,
        masterKeyFiles,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        platformGrants);
  }

  @Test
  void unsetMeansNoKeyringAndNoGrants() {
    SecretSettings settings = settings(Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(settings.keyWrapping()).isEmpty();
    assertThat(settings.grants().refs()).isEmpty();
  }

  @Test
  void theFirstKeyFileIsActive() throws Exception {
    Path newer = dir.resolve("newer");
    Path older = dir.resolve("older");
    MasterKeyring.writeNewKey(newer);
    MasterKeyring.writeNewKey(older);
    SecretSettings settings =
        settings(
            Optional.empty(),
            Optional.of(List.of(newer.toString(), " " + older + " ")),
            Optional.of("env:OPENAI_API_KEY=*;file:/run/secrets/x=acme"));
    MasterKeyring keyring = (MasterKeyring) settings.keyWrapping().orElseThrow();
    assertThat(keyring.keys()).hasSize(2);
    assertThat(keyring.active().id()).isEqualTo(MasterKeyring.load(List.of(newer)).active().id());
    assertThat(settings.grants().grants("file:/run/secrets/x", "acme")).isTrue();
    assertThat(settings.grants().grants("file:/run/secrets/x", "globex")).isFalse();
  }

  @Test
  void aMissingKeyFileStopsTheStartNamingTheSetting() {
    Path missing = dir.resolve("nowhere");
    assertThatThrownBy(
            () ->
                settings(
                    Optional.empty(), Optional.of(List.of(missing.toString())), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("agent-runtime.secrets.master-key-files: master key file")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void aFileWithoutAKeyStopsTheStartWithoutQuotingIt() throws Exception {
    Path notAKey = dir.resolve("not-a-key");
    Files.writeString(notAKey, "hunter2-not-base64!\n");
    assertThatThrownBy(
            () ->
                settings(
                    Optional.empty(), Optional.of(List.of(notAKey.toString())), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(notAKey.toString())
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void theFirstInlineKeyIsActiveWithTheIdOfTheSameKeyInAFile() throws Exception {
    Path newer = dir.resolve("newer");
    Path older = dir.resolve("older");
    MasterKeyring.writeNewKey(newer);
    MasterKeyring.writeNewKey(older);
    // What an ECS task gets from Secrets Manager: AGENT_RUNTIME_SECRETS_MASTER_KEYS=NEW,OLD
    SecretSettings settings =
        settings(
            Optional.of(List.of(Files.readString(newer).strip(), Files.readString(older).strip())),
            Optional.empty(),
            Optional.empty());
    MasterKeyring keyring = (MasterKeyring) settings.keyWrapping().orElseThrow();
    assertThat(keyring.keys()).hasSize(2);
    assertThat(keyring.active().id()).isEqualTo(MasterKeyring.load(List.of(newer)).active().id());
    assertThat(keyring.find(MasterKeyring.load(List.of(older)).active().id())).isPresent();
  }

  @Test
  void aMalformedInlineKeyStopsTheStartNamingItsPositionNeverTheKey() throws Exception {
    Path key = dir.resolve("key");
    MasterKeyring.writeNewKey(key);
    String good = Files.readString(key).strip();
    String truncated = good.substring(0, 20);
    assertThatThrownBy(
            () ->
                settings(Optional.of(List.of(good, truncated)), Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("agent-runtime.secrets.master-keys: master key 2 of 2")
        .hasMessageNotContaining(truncated);
  }

  @Test
  void keysAndKeyFilesTogetherStopTheStart() throws Exception {
    Path key = dir.resolve("key");
    MasterKeyring.writeNewKey(key);
    String inline = Files.readString(key).strip();
    assertThatThrownBy(
            () ->
                settings(
                    Optional.of(List.of(inline)),
                    Optional.of(List.of(key.toString())),
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("are both set")
        .hasMessageNotContaining(inline);
  }

  @Test
  void malformedGrantsStopTheStartNamingTheSetting() {
    assertThatThrownBy(
            () -> settings(Optional.empty(), Optional.empty(), Optional.of("env:OPENAI_API_KEY")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("agent-runtime.secrets.platform-grants:");
    assertThatThrownBy(
            () -> settings(Optional.empty(), Optional.empty(), Optional.of("secret:MINE=*")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("env:NAME or file:/path");
  }

  @Test
  void theNamePatternIsTheOneSpecsUse() {
    assertThat(SecretNames.REGEX).isEqualTo(SecretRef.NAME.pattern());
  }
}
