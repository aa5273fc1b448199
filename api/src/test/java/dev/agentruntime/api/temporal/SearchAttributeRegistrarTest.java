package dev.agentruntime.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.event.SearchAttributesMissing;
import dev.agentruntime.core.workflow.RunWorkflows;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.client.WorkflowServiceException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the registrar makes of each answer a Temporal frontend may give: a fake OperatorService on a
 * local port, whose listed attributes, and whether it accepts an add, each test sets.
 */
class SearchAttributeRegistrarTest {

  private static final String GAUGE = "agent_runtime.temporal.search_attributes.registered";

  private final FakeOperator operator = new FakeOperator();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Server server;
  private WorkflowServiceStubs stubs;
  private SearchAttributeRegistrar registrar;

  @BeforeEach
  void start() throws Exception {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(operator)
            .build()
            .start();
    String target = "127.0.0.1:" + server.getPort();
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    registrar = new SearchAttributeRegistrar(stubs, new Config(target, Duration.ZERO), registry);
  }

  @AfterEach
  void stop() {
    stubs.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void aNamespaceWithEveryAttributeIsRegisteredWithoutAnAdd() {
    operator.present.putAll(RunWorkflows.searchAttributeTypes());

    assertThat(registrar.check()).isEqualTo(SearchAttributeRegistrar.State.REGISTERED);
    assertThat(operator.added).isEmpty();
    assertThat(registry.get(GAUGE).gauge().value()).isEqualTo(1);
    assertThat(registrar.missing()).isNull();
  }

  @Test
  void onlyTheMissingAttributesAreAdded() {
    operator.present.put("AgentRuntimeTenant", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

    assertThat(registrar.check()).isEqualTo(SearchAttributeRegistrar.State.REGISTERED);
    assertThat(operator.added).containsExactly("AgentRuntimeAgent", "AgentRuntimeAgentVersion");
  }

  @Test
  void aRefusedAddLeavesThemMissingAndNamesWhatToCreate() {
    operator.present.put("AgentRuntimeTenant", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    operator.refuseAdd = Status.PERMISSION_DENIED.withDescription("Request unauthorized.");

    assertThat(registrar.check()).isEqualTo(SearchAttributeRegistrar.State.MISSING);
    assertThat(registrar.missing())
        .isEqualTo(
            new SearchAttributesMissing(
                "default",
                List.of("AgentRuntimeAgent", "AgentRuntimeAgentVersion"),
                SearchAttributesMissing.NOT_REGISTERED));
    assertThat(registry.get(GAUGE).gauge().value()).isZero();
  }

  @Test
  void anyNonTransientRefusalIsMissingButAnUnreachableServerIsNotKnownYet() {
    operator.refuseAdd = Status.UNIMPLEMENTED;
    assertThat(registrar.check()).isEqualTo(SearchAttributeRegistrar.State.MISSING);

    SearchAttributeRegistrar fresh =
        new SearchAttributeRegistrar(
            stubs,
            new Config("127.0.0.1:" + server.getPort(), Duration.ZERO),
            new SimpleMeterRegistry());
    operator.refuseList = Status.UNAVAILABLE;
    assertThat(fresh.check()).isEqualTo(SearchAttributeRegistrar.State.UNKNOWN);
    operator.refuseAdd = Status.DEADLINE_EXCEEDED;
    operator.refuseList = null;
    assertThat(fresh.check()).isEqualTo(SearchAttributeRegistrar.State.UNKNOWN);
  }

  @Test
  void attributesAnOperatorCreatesAreUsedAtTheNextCheck() {
    operator.refuseAdd = Status.PERMISSION_DENIED.withDescription("Request unauthorized.");
    assertThat(registrar.check()).isEqualTo(SearchAttributeRegistrar.State.MISSING);

    operator.present.putAll(RunWorkflows.searchAttributeTypes());
    registrar.recheck();

    assertThat(registrar.check()).isEqualTo(SearchAttributeRegistrar.State.REGISTERED);
    assertThat(registry.get(GAUGE).gauge().value()).isEqualTo(1);
  }

  @Test
  void anAttributeOfAnotherTypeIsMissing() {
    operator.present.putAll(RunWorkflows.searchAttributeTypes());
    operator.present.put("AgentRuntimeAgentVersion", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

    assertThat(registrar.check()).isEqualTo(SearchAttributeRegistrar.State.MISSING);
    assertThat(registrar.missing().missing()).containsExactly("AgentRuntimeAgentVersion");
    assertThat(operator.added).isEmpty();
  }

  @Test
  void aServerThatCannotListIsAskedToAddEach() {
    // Temporal's in-memory test server implements no ListSearchAttributes.
    operator.refuseList = Status.UNIMPLEMENTED;

    assertThat(registrar.check()).isEqualTo(SearchAttributeRegistrar.State.REGISTERED);
    assertThat(operator.added).hasSize(3);
  }

  @Test
  void aStartRefusedForOneOfOurAttributesMakesThemNotYetUsable() {
    operator.present.putAll(RunWorkflows.searchAttributeTypes());
    assertThat(registrar.check()).isEqualTo(SearchAttributeRegistrar.State.REGISTERED);
    WorkflowServiceException refused =
        new WorkflowServiceException(
            WorkflowExecution.newBuilder().setWorkflowId("acme:writer:v1:run").build(),
            "AgentRunWorkflow",
            new StatusRuntimeException(
                Status.INVALID_ARGUMENT.withDescription(
                    "search attribute AgentRuntimeTenant is not defined")));

    assertThat(SearchAttributeRegistrar.refusesOurs(refused)).isTrue();
    assertThat(
            SearchAttributeRegistrar.refusesOurs(
                new StatusRuntimeException(Status.INVALID_ARGUMENT.withDescription("bad id"))))
        .isFalse();
    registrar.notYetUsable(refused);

    assertThat(registry.get(GAUGE).gauge().value()).isZero();
    assertThat(registrar.missing())
        .isEqualTo(
            new SearchAttributesMissing(
                "default", List.of("AgentRuntimeTenant"), SearchAttributesMissing.NOT_YET_USABLE));
    // Listed as present at the next check: used again.
    assertThat(registrar.check()).isEqualTo(SearchAttributeRegistrar.State.REGISTERED);
  }

  /** Answers ListSearchAttributes with {@link #present} and adds to it, unless told to refuse. */
  private static final class FakeOperator extends OperatorServiceGrpc.OperatorServiceImplBase {
    final Map<String, IndexedValueType> present = new ConcurrentHashMap<>();
    final List<String> added = new CopyOnWriteArrayList<>();
    volatile Status refuseList;
    volatile Status refuseAdd;

    @Override
    public void listSearchAttributes(
        ListSearchAttributesRequest request,
        StreamObserver<ListSearchAttributesResponse> response) {
      if (refuseList != null) {
        response.onError(refuseList.asRuntimeException());
        return;
      }
      response.onNext(
          ListSearchAttributesResponse.newBuilder().putAllCustomAttributes(present).build());
      response.onCompleted();
    }

    @Override
    public void addSearchAttributes(
        AddSearchAttributesRequest request, StreamObserver<AddSearchAttributesResponse> response) {
      if (refuseAdd != null) {
        response.onError(refuseAdd.asRuntimeException());
        return;
      }
      request
          .getSearchAttributesMap()
          .forEach(
              (name, type) -> {
                added.add(name);
                present.put(name, type);
              });
      response.onNext(AddSearchAttributesResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  /** Plaintext to the fake, re-checking as often as {@code recheck}. */
  private record Config(String target, Duration recheck) implements TemporalConfig {
    @Override
    public Optional<String> apiKey() {
      return Optional.empty();
    }

    @Override
    public Tls tls() {
      return TestTemporalConfig.plaintext(target).tls();
    }

    @Override
    public String namespace() {
      return "default";
    }

    @Override
    public Duration startTimeout() {
      return Duration.ofSeconds(2);
    }

    @Override
    public Duration searchAttributesRetryFor() {
      return Duration.ofSeconds(5);
    }

    @Override
    public Duration searchAttributesRecheckInterval() {
      return recheck;
    }
  }
}
