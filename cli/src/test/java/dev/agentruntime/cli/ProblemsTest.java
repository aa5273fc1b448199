package dev.agentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemsTest {

  @Test
  void aProblemIsOneLineWithStatusTitleDetailAndType() {
    String body =
        "{\"type\":\"https://agent-runtime.dev/problems/approval-arguments-mismatch\","
            + "\"title\":\"Precondition Failed\",\"status\":412,"
            + "\"detail\":\"argumentsSha256 is not the hash\\nof the pending arguments\"}";
    assertThat(Problems.line(412, body))
        .isEqualTo(
            "error: 412 Precondition Failed: argumentsSha256 is not the hash of the pending"
                + " arguments (type approval-arguments-mismatch)");
  }

  @Test
  void violationsStayOnTheLine() {
    String body =
        "{\"type\":\"https://agent-runtime.dev/problems/invalid-request\",\"title\":\"Bad Request\","
            + "\"status\":400,\"detail\":\"invalid\",\"violations\":[{\"field\":\"input\","
            + "\"message\":\"must be an object\"},{\"field\":\"alias\",\"message\":\"bad\"}]}";
    assertThat(Problems.line(400, body))
        .isEqualTo(
            "error: 400 Bad Request: invalid [input: must be an object; alias: bad] (type"
                + " invalid-request)");
  }

  @Test
  void aBodyThatIsNoProblemIsShortenedToOneLine() {
    assertThat(Problems.line(502, "<html>\n<body>bad gateway</body>\n</html>"))
        .isEqualTo("error: 502 Bad Gateway: <html> <body>bad gateway</body> </html>");
    assertThat(Problems.line(503, "")).isEqualTo("error: 503 Service Unavailable");
  }

  @Test
  void eachStatusHasItsExitCode() {
    assertThat(ExitCode.forStatus(0)).isEqualTo(9);
    assertThat(ExitCode.forStatus(401)).isEqualTo(3);
    assertThat(ExitCode.forStatus(403)).isEqualTo(4);
    assertThat(ExitCode.forStatus(404)).isEqualTo(5);
    assertThat(ExitCode.forStatus(409)).isEqualTo(6);
    assertThat(ExitCode.forStatus(410)).isEqualTo(6);
    assertThat(ExitCode.forStatus(412)).isEqualTo(6);
    assertThat(ExitCode.forStatus(400)).isEqualTo(7);
    assertThat(ExitCode.forStatus(422)).isEqualTo(7);
    assertThat(ExitCode.forStatus(429)).isEqualTo(8);
    assertThat(ExitCode.forStatus(503)).isEqualTo(8);
    assertThat(ExitCode.forStatus(500)).isEqualTo(10);
  }
}
