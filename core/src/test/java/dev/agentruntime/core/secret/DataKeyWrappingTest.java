package dev.agentruntime.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.secret.DataKeyWrapping.WrappedKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The master keyring as a key wrapping, and a new wrapping layered over the one it replaces. */
class DataKeyWrappingTest {

  static final String KEY_A = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  static final String KEY_B = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

  @Test
  void theKeyringWrapsByItsActiveKeyAndUnwrapsByTheKeyTheRowNames() {
    MasterKeyring old = MasterKeyring.fromBase64(List.of(KEY_B));
    MasterKeyring ring = MasterKeyring.fromBase64(List.of(KEY_A, KEY_B));
    byte[] dataKey = SecretEnvelope.newDataKey();
    WrappedKey byOld = old.wrap("acme", dataKey);

    WrappedKey wrapped = ring.wrap("acme", dataKey);

    assertThat(wrapped.keyId()).isEqualTo(ring.activeKeyId()).isNotEqualTo(byOld.keyId());
    assertThat(wrapped.wrapped()).hasSize(61);
    assertThat(ring.keyIds()).containsExactly(ring.activeKeyId(), old.activeKeyId());
    assertThat(ring.unwrap("acme", byOld.keyId(), byOld.wrapped())).isEqualTo(dataKey);
    assertThatThrownBy(() -> ring.unwrap("globex", wrapped.keyId(), wrapped.wrapped()))
        .isInstanceOf(SecretCryptoException.class);
    assertThatThrownBy(() -> old.unwrap("acme", wrapped.keyId(), wrapped.wrapped()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLayeredWrappingWrapsByTheNewOneAndStillUnwrapsWhatTheOldOneWrapped() {
    MasterKeyring previous = MasterKeyring.fromBase64(List.of(KEY_B));
    MasterKeyring next = MasterKeyring.fromBase64(List.of(KEY_A));
    byte[] dataKey = SecretEnvelope.newDataKey();
    WrappedKey before = previous.wrap("acme", dataKey);

    LayeredKeyWrapping layered = new LayeredKeyWrapping(next, previous);

    assertThat(layered.activeKeyId()).isEqualTo(next.activeKeyId());
    assertThat(layered.canUnwrap(before.keyId())).isTrue();
    assertThat(layered.unwrap("acme", before.keyId(), before.wrapped())).isEqualTo(dataKey);
    WrappedKey after = layered.wrap("acme", dataKey);
    assertThat(after.keyId()).isEqualTo(next.activeKeyId());
    assertThat(next.unwrap("acme", after.keyId(), after.wrapped())).isEqualTo(dataKey);
  }

  @Test
  void aKeyCannotBeBothActiveAndPrevious() {
    MasterKeyring ring = MasterKeyring.fromBase64(List.of(KEY_A));
    assertThatThrownBy(() -> new LayeredKeyWrapping(ring, MasterKeyring.fromBase64(List.of(KEY_A))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both active and previous");
  }
}
