package dev.agentruntime.core.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemSettingTest {

  private static final String PEM = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----";

  @Test
  void pemTextIsTakenAsItIsLeadingBlanksAside() {
    byte[] read = PemSetting.read("p", "\n  " + PEM + "\n");

    assertThat(new String(read, StandardCharsets.US_ASCII)).isEqualTo(PEM);
  }

  @Test
  void anythingElseIsReadAsAFilePath(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("ca.pem"), PEM + "\n");

    byte[] read = PemSetting.read("p", file.toString());

    assertThat(new String(read, StandardCharsets.US_ASCII)).isEqualTo(PEM + "\n");
  }

  @Test
  void aPathThatCannotBeReadFailsNamingThePropertyAndPath(@TempDir Path dir) {
    String missing = dir.resolve("missing.pem").toString();

    assertThatThrownBy(() -> PemSetting.read("agent-runtime.temporal.tls.server-ca-cert", missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent-runtime.temporal.tls.server-ca-cert")
        .hasMessageContaining(missing);
  }
}
