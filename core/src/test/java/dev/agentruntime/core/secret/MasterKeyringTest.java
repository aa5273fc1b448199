package dev.agentruntime.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Master keys given inline (base64) or in files: the first one active, and no message ever quotes a
 * key, only its position or file.
 */
class MasterKeyringTest {

  private static final String KEY_A = base64(1);
  private static final String KEY_B = base64(2);

  @TempDir Path dir;

  private static String base64(int seed) {
    byte[] material = new byte[MasterKey.BYTES];
    for (int i = 0; i < material.length; i++) {
      material[i] = (byte) (seed * 31 + i);
    }
    return Base64.getEncoder().encodeToString(material);
  }

  @Test
  void theFirstInlineKeyIsActiveAndTheOthersOnlyUnwrap() {
    MasterKeyring keyring = MasterKeyring.fromBase64(List.of(KEY_A, " " + KEY_B + "\n"));

    assertThat(keyring.keys()).hasSize(2);
    assertThat(keyring.active().id())
        .isEqualTo(new MasterKey(Base64.getDecoder().decode(KEY_A)).id());
    assertThat(keyring.find(new MasterKey(Base64.getDecoder().decode(KEY_B)).id())).isPresent();
  }

  @Test
  void anInlineKeyHasTheIdOfTheSameKeyInAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("a.key"), KEY_A + "\n");

    assertThat(MasterKeyring.fromBase64(List.of(KEY_A)).active().id())
        .isEqualTo(MasterKeyring.load(List.of(file)).active().id());
  }

  @Test
  void aKeyThatIsNotBase64IsNamedByItsPositionNeverQuoted() {
    assertThatThrownBy(() -> MasterKeyring.fromBase64(List.of(KEY_A, "hunter2-not-base64!")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("master key 2 of 2 is not base64");
  }

  @Test
  void aKeyOfTheWrongLengthIsRefused() {
    String short16 = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> MasterKeyring.fromBase64(List.of(short16)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("master key 1 of 1 must be 32 bytes in base64")
        .hasMessageNotContaining(short16);
    assertThatThrownBy(() -> MasterKeyring.fromBase64(List.of("")))
        .hasMessage("master key 1 of 1 must be 32 bytes in base64");
  }

  @Test
  void aKeyListedTwiceIsRefusedNamingBothPositions() {
    assertThatThrownBy(() -> MasterKeyring.fromBase64(List.of(KEY_A, KEY_B, KEY_A)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("master key 3 of 3 is the same key as master key 1");
  }

  @Test
  void noKeysIsNoKeyring() {
    assertThatThrownBy(() -> MasterKeyring.fromBase64(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void configuredFromInlineKeys() {
    assertThat(MasterKeyring.configured(List.of(KEY_B, KEY_A, " "), List.of()))
        .hasValueSatisfying(
            keyring -> {
              assertThat(keyring.keys()).hasSize(2);
              assertThat(keyring.active().id())
                  .isEqualTo(MasterKeyring.fromBase64(List.of(KEY_B)).active().id());
            });
  }

  @Test
  void configuredFromKeyFiles() throws Exception {
    Path file = Files.writeString(dir.resolve("a.key"), KEY_A + "\n");

    assertThat(MasterKeyring.configured(List.of(), List.of(" " + file + " ", "")))
        .hasValueSatisfying(keyring -> assertThat(keyring.keys()).hasSize(1));
  }

  @Test
  void neitherSettingOrOnlyBlanksIsNoKeyring() {
    assertThat(MasterKeyring.configured(List.of(), List.of())).isEmpty();
    assertThat(MasterKeyring.configured(List.of(" "), List.of(""))).isEmpty();
  }

  @Test
  void bothSettingsStopTheStart() throws Exception {
    Path file = Files.writeString(dir.resolve("a.key"), KEY_A + "\n");

    assertThatThrownBy(() -> MasterKeyring.configured(List.of(KEY_B), List.of(file.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "agent-runtime.secrets.master-keys and agent-runtime.secrets.master-key-files are"
                + " both set")
        .hasMessageNotContaining(KEY_B);
  }

  @Test
  void aMalformedSettingIsNamedInTheMessage() {
    assertThatThrownBy(() -> MasterKeyring.configured(List.of(KEY_A, "%%%"), List.of()))
        .hasMessage("agent-runtime.secrets.master-keys: master key 2 of 2 is not base64");
    assertThatThrownBy(
            () -> MasterKeyring.configured(List.of(), List.of(dir.resolve("none").toString())))
        .hasMessageStartingWith("agent-runtime.secrets.master-key-files: master key file");
  }
}
