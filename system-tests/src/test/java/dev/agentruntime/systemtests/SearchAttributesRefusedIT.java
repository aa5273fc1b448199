package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.client.model.LimitsSpec;
import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.client.model.RunTreeNode;
import dev.agentruntime.client.model.ToolSpec;
import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.testkit.PrometheusText;
import dev.agentruntime.testkit.RefusingTemporalProxy;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A Temporal server that will not let the API register the run search attributes (Temporal Cloud, a
 * server whose authorizer refuses operator calls): a fresh dev server, without the attributes,
 * behind a proxy that refuses AddSearchAttributes as Temporal's authorizer does. The API still
 * becomes ready and runs, child runs included, start without the attributes, saying so in their
 * timeline and metrics; once an operator creates the attributes on the server, a later run carries
 * them, without a restart.
 */
class SearchAttributesRefusedIT {

  private static final String REGISTERED = "agent_runtime_temporal_search_attributes_registered";
  private static final String WITHOUT =
      "agent_runtime_runs_started_without_search_attributes_total";

  @Test
  void runsStartWithoutTheAttributesUntilAnOperatorCreatesThemThenWithThem() throws Exception {
    Path home =
        Path.of(
            System.getProperty("agent-runtime.e2e.home", "target/e2e"),
            "search-attributes-" + UUID.randomUUID());
    try (FakeOpenAiServer model = FakeOpenAiServer.start();
        TemporalDevServer temporal =
            TemporalDevServer.start(home.resolve("temporal"), Ports.free(), Ports.free());
        RefusingTemporalProxy proxy = RefusingTemporalProxy.start(temporal.target());
        // Started only once ready: a ready API, although it may not create the attributes.
        Stack stack =
            Stack.start(
                TestStacks.settings(
                    home,
                    proxy.target(),
                    Map.of("agent-runtime.temporal.search-attributes-recheck-interval", "2s"),
                    Map.of()));
        TemporalReader server = new TemporalReader(temporal.target())) {
      E2ETenant api = E2ETenant.newTenant(stack);
      api.createAgent("leaf", E2ETenant.notesSpec(model.baseUrl(), false));
      api.createAgent(
          "root",
          E2ETenant.notesSpec(model.baseUrl(), false)
              .tools(
                  List.of(
                      new ToolSpec()
                          .name("ask_leaf")
                          .kind(ToolSpec.KindEnum.AGENT)
                          .agent("leaf")
                          .version(1)))
              // Room for the leaf's own limits, which the root reserves for it.
              .limits(new LimitsSpec().maxSteps(40).maxTokens(1_000_000).timeoutSeconds(600)));

      String before = api.startRun("root", "before");
      assertThat(api.awaitEnd(before, Duration.ofSeconds(120)).getStatus().getValue())
          .isEqualTo("succeeded");
      assertThat(proxy.refusals()).as("AddSearchAttributes calls refused").isPositive();
      RunEventResponse missing = only(api.events(before), "run.search_attributes.missing");
      assertThat(missing.getPayload().path("reason").asText()).isEqualTo("not_registered");
      assertThat(missing.getPayload().path("missing").toString())
          .contains("AgentRuntimeTenant", "AgentRuntimeAgent", "AgentRuntimeAgentVersion");
      String child = child(api, before);
      assertThat(api.awaitEnd(child, Duration.ofSeconds(60)).getStatus().getValue())
          .isEqualTo("succeeded");
      PrometheusText metrics = metrics(stack);
      assertThat(metrics.sum(REGISTERED, Map.of())).isZero();
      assertThat(metrics.sum(WITHOUT, Map.of("reason", "not_registered"))).isEqualTo(1);
      // Neither the root's workflow nor its child's carries any of the attributes.
      List<WorkflowExecutionMetadata> runs = server.runWorkflows(2);
      assertThat(runs)
          .allSatisfy(
              run -> {
                assertThat(run.getTypedSearchAttributes().containsKey(RunWorkflows.TENANT))
                    .isFalse();
                assertThat(run.getTypedSearchAttributes().containsKey(RunWorkflows.AGENT))
                    .isFalse();
                assertThat(run.getTypedSearchAttributes().containsKey(RunWorkflows.AGENT_VERSION))
                    .isFalse();
              });
      // One warning that says what to create, and how.
      assertThat(Files.readString(stack.api().log()))
          .contains(
              "temporal operator search-attribute create --namespace default"
                  + " --name AgentRuntimeTenant --name AgentRuntimeAgent --type Keyword",
              "tcld namespace search-attributes add");

      // An operator creates them on the server itself, not through the refusing proxy.
      server.createRunSearchAttributes();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> metrics(stack).sum(REGISTERED, Map.of()) == 1);

      String after = api.startRun("root", "after");
      RunResponse ended = api.awaitEnd(after, Duration.ofSeconds(120));
      assertThat(ended.getStatus().getValue()).isEqualTo("succeeded");
      assertThat(api.eventTypes(after)).doesNotContain("run.search_attributes.missing");
      assertThat(metrics(stack).sum(WITHOUT, Map.of())).isEqualTo(1);
      // The later root and its child are found by tenant in Temporal, as an operator would.
      List<WorkflowExecutionMetadata> tagged =
          server.list("AgentRuntimeTenant = '" + api.tenant + "'", 2);
      assertThat(tagged)
          .extracting(run -> run.getTypedSearchAttributes().get(RunWorkflows.AGENT))
          .containsExactlyInAnyOrder("root", "leaf");
    }
  }

  private static RunEventResponse only(List<RunEventResponse> events, String type) {
    List<RunEventResponse> matching =
        events.stream().filter(e -> type.equals(e.getType().getValue())).toList();
    assertThat(matching).as(type).hasSize(1);
    return matching.get(0);
  }

  private static String child(E2ETenant api, String rootId) {
    UUID root = UUID.fromString(rootId);
    return E2ETenant.call(() -> api.client().runs().getRunTree(root)).getRuns().stream()
        .filter(node -> root.equals(node.getParentRunId()))
        .map(RunTreeNode::getId)
        .map(UUID::toString)
        .findFirst()
        .orElseThrow(() -> new AssertionError("the root started no child: " + api.events(rootId)));
  }

  private static PrometheusText metrics(Stack stack) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new PrometheusText(response.body());
  }

  /** The real server, reached directly: what an operator with the Temporal CLI sees and does. */
  private static final class TemporalReader implements AutoCloseable {

    private final WorkflowServiceStubs stubs;
    private final WorkflowClient client;

    TemporalReader(String target) {
      stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
      client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    }

    /** The run workflows, once visibility lists {@code count} of them. */
    List<WorkflowExecutionMetadata> runWorkflows(int count) {
      return list("WorkflowType = 'AgentRunWorkflow'", count);
    }

    List<WorkflowExecutionMetadata> list(String query, int count) {
      return await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> client.listExecutions(query).toList(), runs -> runs.size() == count);
    }

    /** {@code temporal operator search-attribute create}, as the API's warning says. */
    void createRunSearchAttributes() {
      OperatorServiceStubs operator =
          OperatorServiceStubs.newServiceStubs(
              OperatorServiceStubsOptions.newBuilder()
                  .setChannel(stubs.getRawChannel())
                  .validateAndBuildWithDefaults());
      try {
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace("default")
                    .putAllSearchAttributes(RunWorkflows.searchAttributeTypes())
                    .build());
      } finally {
        operator.shutdown();
      }
    }

    @Override
    public void close() {
      stubs.shutdownNow();
    }
  }
}
