package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentruntime.client.model.AgentSpec;
import dev.agentruntime.client.model.CreateRunRequest;
import dev.agentruntime.client.model.RetrySpec;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.client.model.RuntimeSpec;
import dev.agentruntime.client.model.ToolSpec;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.standalone.StackSettings;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.testkit.LocalJaeger;
import dev.agentruntime.testkit.ReferenceAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Distinctive values planted in every secret path a tenant's run can use — a tenant secret sent to
 * a model, a tenant secret sent to an HTTP agent, an operator-granted platform file whose value no
 * header can carry — reach the destinations they are meant for, and nowhere else: not in any
 * PostgreSQL row, stored object, Temporal history, log line or exported span (with prompt and
 * completion capture on, the most a deployment records).
 */
class SecretLeakIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void plantedSecretsReachTheirDestinationsAndNothingTheStackStoresOrLogs() throws Exception {
    String tag = UUID.randomUUID().toString().replace("-", "");
    String modelKey = "sk-PLANTED-model-" + tag;
    String agentToken = "PLANTED-agent-" + tag;
    String fileLineOne = "PLANTED-file-one-" + tag;
    String fileLineTwo = "PLANTED-file-two-" + tag;
    // Not a secret: text the runs are meant to store, to prove the scan sees each kind of store.
    String canary = "CANARY-" + tag;
    Path home = Path.of(System.getProperty("agent-runtime.e2e.home", "target/e2e") + "-secrets");
    Path platformSecrets = Files.createDirectories(home.resolve("platform-secrets"));
    Path multiLine =
        Files.writeString(platformSecrets.resolve("multi-line"), fileLineOne + "\n" + fileLineTwo)
            .toAbsolutePath();

    try (FakeOpenAiServer model = FakeOpenAiServer.start();
        LocalJaeger jaeger = LocalJaeger.start(home.resolve("jaeger"));
        TemporalDevServer temporal =
            TemporalDevServer.start(home.resolve("temporal"), Ports.free(), Ports.free());
        ReferenceAgent agent =
            ReferenceAgent.start(home.resolve("agent"), Map.of("AGENT_TOKEN", agentToken));
        Stack stack =
            Stack.start(settings(home, temporal, jaeger, "file:" + multiLine, platformSecrets))) {
      E2ETenant api = E2ETenant.newTenant(stack);
      api.putSecret("MODEL_KEY", modelKey);
      api.putSecret("AGENT_TOKEN", agentToken);

      // A tenant secret on its way to the model.
      api.createAgent("keyed-model", modelSpec(model.baseUrl(), "secret:MODEL_KEY"));
      String modelRun = api.startRun("keyed-model", "use the model " + canary);
      assertThat(api.awaitEnd(modelRun, Duration.ofSeconds(90)).getStatus().getValue())
          .isEqualTo("succeeded");
      assertThat(model.calls())
          .extracting(FakeOpenAiServer.Call::authorization)
          .contains("Bearer " + modelKey);

      // A tenant secret on its way to an HTTP agent, which refuses any other token.
      api.createAgent("keyed-agent", agentSpec(agent.endpoint(), "secret:AGENT_TOKEN"));
      CreateRunRequest topic =
          new CreateRunRequest()
              .agentName("keyed-agent")
              .input(JsonNodeFactory.instance.objectNode().put("topic", "secrets"));
      String agentRun =
          E2ETenant.call(() -> api.client().runs().startRun(topic, null)).getId().toString();
      assertThat(api.awaitEnd(agentRun, Duration.ofSeconds(90)).getStatus().getValue())
          .isEqualTo("succeeded");

      // A granted platform file whose value holds a line break: refused before any request.
      int callsBefore = model.calls().size();
      api.createAgent("broken-key", modelSpec(model.baseUrl(), "file:" + multiLine));
      String brokenRun = api.startRun("broken-key", "try the broken key");
      RunResponse broken = api.awaitEnd(brokenRun, Duration.ofSeconds(90));
      assertThat(broken.getStatus().getValue()).isEqualTo("failed");
      assertThat(broken.getStatusReason())
          .contains("model.apiKeyRef cannot be resolved", "cannot be sent in an HTTP header");
      assertThat(model.calls()).hasSize(callsBefore);

      // What the stack wrote, once the workers' spans have been exported (100 ms batches).
      Thread.sleep(1500);
      StoredEverywhere stored =
          new StoredEverywhere()
              .database(stack.infrastructure())
              .objects(stack.infrastructure())
              .histories(temporal.target())
              .files(home.resolve("logs"))
              .json("spans of the API", JSON.readTree(jaeger.traces("agent-runtime-api")))
              .json("spans of the worker", JSON.readTree(jaeger.traces("agent-runtime-worker")));
      assertThat(stored.places()).isGreaterThan(10);
      assertThat(stored.findings(List.of(canary)))
          .as("the scan reads what a run wrote: its input in PostgreSQL, S3 and the spans")
          .anyMatch(where -> where.contains(" in postgres "))
          .anyMatch(where -> where.contains(" in s3 "))
          .anyMatch(where -> where.contains(" in spans of the worker"));
      assertThat(stored.findings(List.of(modelRun)))
          .as("the scan reads the workflow histories")
          .anyMatch(where -> where.contains(" in temporal "));
      // The worker warns at start-up that the file's grant names no destination: by reference.
      assertThat(stored.findings(List.of(multiLine.toString())))
          .as("the scan reads the logs")
          .anyMatch(where -> where.contains(" in file "));
      assertThat(stored.findings(List.of(modelKey, agentToken, fileLineOne, fileLineTwo)))
          .as("planted secrets found in what the stack stored or logged")
          .isEmpty();
    }
  }

  private static AgentSpec modelSpec(String baseUrl, String apiKeyRef) {
    AgentSpec spec = E2ETenant.notesSpec(baseUrl, false).limits(null);
    spec.getModel().apiKeyRef(apiKeyRef);
    return spec.retry(
        new RetrySpec().maxAttempts(2).initialIntervalMillis(200L).attemptTimeoutSeconds(20));
  }

  private static AgentSpec agentSpec(String endpoint, String apiKeyRef) {
    return new AgentSpec()
        .runtime(
            new RuntimeSpec()
                .type(RuntimeSpec.TypeEnum.HTTP)
                .endpoint(endpoint)
                .apiKeyRef(apiKeyRef))
        .instructions("You write notes.")
        .addToolsItem(
            new ToolSpec()
                .name("save_note")
                .kind(ToolSpec.KindEnum.WRITE_ARTIFACT)
                .description("Saves a note"))
        .retry(
            new RetrySpec().maxAttempts(4).initialIntervalMillis(300L).attemptTimeoutSeconds(20));
  }

  /**
   * Tracing on with content capture, and the multi-line platform file granted to every tenant
   * inside its own secret directory (for the API, which checks grants at publish, and the worker).
   */
  private static StackSettings settings(
      Path home, TemporalDevServer temporal, LocalJaeger jaeger, String fileRef, Path fileDir) {
    Map<String, String> api = new HashMap<>(TestStacks.traced(jaeger.otlpEndpoint()));
    api.put("agent-runtime.secrets.platform-grants", fileRef + "=*");
    Map<String, String> worker = new HashMap<>(api);
    worker.put("agent-runtime.tracing.capture-content", "true");
    worker.put("agent-runtime.secrets.platform-file-dir", fileDir.toAbsolutePath().toString());
    return TestStacks.settings(home, temporal.target(), api, worker);
  }
}
