package dev.agentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code runs events --follow} against a local server that drops the stream mid-run. */
class EventFollowerTest {

  private static final String RUN = "0b9f6a43-0000-4000-8000-000000000001";
  private static final String TOKEN =
      Cli.token("alice", "acme", Instant.now().plusSeconds(600).getEpochSecond(), "viewer");

  @Test
  void aDroppedStreamIsResumedAfterTheLastSeqAndNoEventIsPrintedTwice() throws Exception {
    try (LocalApi api =
        new LocalApi()
            .then(
                LocalApi.stream(
                    LocalApi.frame(1, "run.queued"),
                    ": keep-alive\n\n",
                    LocalApi.frame(2, "run.started"),
                    LocalApi.frame(3, "model.call.completed")))
            // The stream ended without the terminal event; then the API is restarting.
            .then(LocalApi.problem(503, "0"))
            .then(
                LocalApi.stream(
                    LocalApi.frame(3, "model.call.completed"),
                    LocalApi.frame(4, "tool.call.completed"),
                    LocalApi.frame(5, "run.succeeded")))) {
      Cli.Result result =
          new Cli()
              .env("AGENTCTL_API", api.url())
              .env("AGENTCTL_TOKEN", TOKEN)
              .run("runs", "events", RUN, "--follow", "-o", "json");
      assertThat(result.exitCode()).as(result.err()).isZero();
      ObjectMapper json = new ObjectMapper();
      List<Integer> seqs =
          Arrays.stream(result.out().split("\n")).map(line -> readSeq(json, line)).toList();
      assertThat(seqs).containsExactly(1, 2, 3, 4, 5);
      assertThat(api.lastEventIds).containsExactly("-", "3", "3");
      assertThat(result.err()).contains("resuming after seq 3");
    }
  }

  @Test
  void resumingAfterTheEndOfAnEndedRunStops() throws Exception {
    try (LocalApi api =
        new LocalApi()
            .then(LocalApi.stream())
            .then(LocalApi.json(200, "{\"id\":\"" + RUN + "\",\"status\":\"failed\"}"))) {
      Cli.Result result =
          new Cli()
              .env("AGENTCTL_API", api.url())
              .env("AGENTCTL_TOKEN", TOKEN)
              .run("runs", "events", RUN, "--follow", "--after", "9");
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out()).isEmpty();
      assertThat(api.lastEventIds.get(0)).isEqualTo("9");
    }
  }

  @Test
  void aRefusedStreamIsNotRetried() throws Exception {
    try (LocalApi api =
        new LocalApi()
            .then(
                LocalApi.json(
                    404,
                    "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"no run "
                        + RUN
                        + "\"}"))) {
      Cli.Result result =
          new Cli()
              .env("AGENTCTL_API", api.url())
              .env("AGENTCTL_TOKEN", TOKEN)
              .run("runs", "events", RUN, "--follow");
      assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
      assertThat(result.err()).isEqualTo("error: 404 Not Found: no run " + RUN + "\n");
      assertThat(api.requests).hasSize(1);
    }
  }

  private static int readSeq(ObjectMapper json, String line) {
    try {
      return json.readTree(line).get("seq").asInt();
    } catch (Exception e) {
      throw new AssertionError(line, e);
    }
  }
}
