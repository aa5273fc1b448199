package dev.agentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetrierTest {

  private static final String TOKEN =
      Cli.token("alice", "acme", Instant.now().plusSeconds(600).getEpochSecond(), "agent-admin");

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    assertThat(Retrier.parseRetryAfter("7", Duration.ZERO)).isEqualTo(Duration.ofSeconds(7));
    assertThat(Retrier.parseRetryAfter("Thu, 01 Jan 1970 00:00:00 GMT", Duration.ofSeconds(1)))
        .isEqualTo(Duration.ZERO);
    assertThat(Retrier.parseRetryAfter("soon", Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aReadAnswered503IsMadeAgainAfterItsRetryAfter() throws Exception {
    try (LocalApi api =
        new LocalApi()
            .then(LocalApi.problem(503, "0"))
            .then(LocalApi.problem(429, "0"))
            .then(LocalApi.json(200, "[]"))) {
      Cli.Result result =
          new Cli()
              .env("AGENTCTL_API", api.url())
              .env("AGENTCTL_TOKEN", TOKEN)
              .run("agents", "list", "-o", "json");
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out()).isEqualTo("[]\n");
      assertThat(api.requests).hasSize(3);
    }
  }

  @Test
  void aWriteAnswered503IsNotMadeAgainAndExits8() throws Exception {
    try (LocalApi api = new LocalApi().then(LocalApi.problem(503, "0"))) {
      Cli.Result result =
          new Cli()
              .env("AGENTCTL_API", api.url())
              .env("AGENTCTL_TOKEN", TOKEN)
              .run("runs", "cancel", "0b9f6a43-0000-4000-8000-000000000001");
      assertThat(result.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
      assertThat(result.err())
          .isEqualTo("error: 503 Service Unavailable: try again (type database-unavailable)\n");
      assertThat(api.requests).hasSize(1);
    }
  }

  @Test
  void aStartCarriesAFreshIdempotencyKeyAndIsRetriedUnderTheSameOne() throws Exception {
    String run =
        "{\"id\":\"0b9f6a43-0000-4000-8000-000000000001\",\"status\":\"queued\",\"agentName\":\"a\"}";
    try (LocalApi api =
        new LocalApi().then(LocalApi.problem(503, "0")).then(LocalApi.json(202, run))) {
      Cli.Result result =
          new Cli()
              .env("AGENTCTL_API", api.url())
              .env("AGENTCTL_TOKEN", TOKEN)
              .run("runs", "start", "a", "--message", "hi", "-o", "json");
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out()).isEqualTo(run + "\n");
      assertThat(api.bodies)
          .allMatch(b -> b.equals("{\"agentName\":\"a\",\"input\":{\"message\":\"hi\"}}"));
      assertThat(api.requests).hasSize(2);
    }
  }
}
