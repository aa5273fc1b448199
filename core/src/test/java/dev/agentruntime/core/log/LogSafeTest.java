package dev.agentruntime.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

  @Test
  void lineBreaksCannotStartAForgedLine() {
    String forged = "/v1/runs\n2026-11-30 INFO admin logged in\r\u2028\u2029\u0085";
    assertThat(LogSafe.escape(forged))
        .doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0085")
        .isEqualTo("/v1/runs\\u000a2026-11-30 INFO admin logged in\\u000d\\u2028\\u2029\\u0085");
  }

  @Test
  void nulAndTerminalControlsNeverReachTheLog() {
    assertThat(LogSafe.escape("a\u0000b\u001b[31mc\u007f"))
        .isEqualTo("a\\u0000b\\u001b[31mc\\u007f");
  }

  @Test
  void invisibleFormatCharactersAreShown() {
    assertThat(LogSafe.escape("admin\u202e\u200b")).isEqualTo("admin\\u202e\\u200b");
  }

  @Test
  void aBackslashCannotImitateAnEscape() {
    assertThat(LogSafe.escape("\\u000a")).isEqualTo("\\\\u000a");
  }

  @Test
  void ordinaryTextIsUnchanged() {
    assertThat(LogSafe.escape("Zoë's run 42 — ok \uD83D\uDE00"))
        .isEqualTo("Zoë's run 42 — ok \uD83D\uDE00");
  }

  @Test
  void longTextIsCut() {
    assertThat(LogSafe.escape("x".repeat(LogSafe.MAX_CHARS + 10)))
        .hasSize(LogSafe.MAX_CHARS + "...(10 more chars)".length());
  }

  @Test
  void nullIsWritten() {
    assertThat(LogSafe.escape(null)).isEqualTo("null");
  }
}
