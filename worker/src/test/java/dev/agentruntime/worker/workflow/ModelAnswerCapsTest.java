package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestSpecs;
import dev.agentruntime.worker.agent.TurnAnswer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A model answer asking for more tool calls than the cap fails its attempt; the run says why. */
class ModelAnswerCapsTest extends WholeRunTest {

  private HttpServer greedy;

  @BeforeEach
  void startGreedyModel() throws Exception {
    greedy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    greedy.createContext(
        "/",
        exchange -> {
          StringBuilder calls = new StringBuilder();
          for (int i = 0; i <= TurnAnswer.MAX_TOOL_CALLS; i++) {
            calls
                .append(i == 0 ? "" : ",")
                .append("{\"id\":\"call_")
                .append(i)
                .append("\",\"type\":\"function\",\"function\":{\"name\":\"")
                .append(TestSpecs.TOOL)
                .append("\",\"arguments\":\"{}\"}}");
          }
          byte[] body =
              ("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-test\","
                      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                      + "\"content\":null,\"tool_calls\":["
                      + calls
                      + "]},\"finish_reason\":\"tool_calls\"}],"
                      + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    greedy.start();
  }

  @AfterEach
  void stopGreedyModel() {
    greedy.stop(0);
  }

  @Test
  void anAnswerAskingForMoreToolCallsThanTheCapFailsTheAttemptAndNoToolRuns() throws Exception {
    String baseUrl = "http://127.0.0.1:" + greedy.getAddress().getPort() + "/v1";
    RunWorkflowInput run = infra.seedRun(TestSpecs.openAi(baseUrl), "{\"message\": \"hi\"}");

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.reason())
        .contains("asked for " + (TurnAnswer.MAX_TOOL_CALLS + 1) + " tool calls");
    assertThat(infra.events(run))
        .extracting(Event::type)
        .contains(RunEventTypes.MODEL_CALL_FAILED)
        .doesNotContain(RunEventTypes.TOOL_CALL_COMPLETED, RunEventTypes.MODEL_CALL_COMPLETED);
  }
}
