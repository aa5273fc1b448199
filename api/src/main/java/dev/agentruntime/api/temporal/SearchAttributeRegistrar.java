package dev.agentruntime.api.temporal;

import dev.agentruntime.core.run.event.SearchAttributesMissing;
import dev.agentruntime.core.workflow.RunWorkflows;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Knows whether the namespace has the run search attributes, so workflows are started with them
 * when it does and without them when it does not. It reads what the namespace has (a call any
 * namespace writer may make) and adds what is missing; a server that refuses the add (Temporal
 * Cloud, a server with an authorizer) leaves the API {@link State#MISSING}: runs start anyway,
 * without the attributes, one warning says what to create, and a periodic re-check notices once an
 * operator has created them. Never stops the API from starting or becoming ready.
 */
@ApplicationScoped
public class SearchAttributeRegistrar {

  private static final Logger LOG = Logger.getLogger(SearchAttributeRegistrar.class);

  /** Statuses of a server that may answer otherwise on the next attempt. */
  private static final Set<Status.Code> TRANSIENT =
      Set.of(
          Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);

  /** What a workflow start should do now. */
  public enum State {
    /** Temporal has not answered yet: start nothing (the reconciler starts the run later). */
    UNKNOWN,
    /** Start with the attributes. */
    REGISTERED,
    /** Start without them: the namespace lacks them, or has not made them usable yet. */
    MISSING
  }

  private final WorkflowServiceStubs stubs;
  private final TemporalConfig config;
  private volatile State state = State.UNKNOWN;
  private volatile SearchAttributesMissing missing;
  private Instant nextCheck = Instant.MIN;
  private String warned;
  private volatile boolean stopping;

  public SearchAttributeRegistrar(
      WorkflowServiceStubs stubs, TemporalConfig config, MeterRegistry registry) {
    this.stubs = stubs;
    this.config = config;
    Gauge.builder(
            "agent_runtime.temporal.search_attributes.registered",
            this,
            registrar -> registrar.state == State.REGISTERED ? 1 : 0)
        .description("1 while runs start with the run search attributes, 0 while they cannot")
        .register(registry);
  }

  void onStart(@Observes StartupEvent event) {
    Thread.ofVirtual().name("search-attribute-registrar").start(this::checkWithRetries);
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  /**
   * What a workflow start should do now. Asks Temporal while it has not answered yet, and while the
   * attributes are missing once the re-check interval has passed; otherwise answers at once. Safe
   * to call from any thread.
   */
  public State check() {
    // Every admission asks: once registered, answer without taking the lock a refresh holds.
    State known = state;
    if (known == State.REGISTERED) {
      return known;
    }
    synchronized (this) {
      if (state == State.UNKNOWN
          || (state == State.MISSING && !Instant.now().isBefore(nextCheck))) {
        refresh();
      }
      return state;
    }
  }

  /** What a run started without the attributes records; null unless {@link State#MISSING}. */
  public SearchAttributesMissing missing() {
    return state == State.MISSING ? missing : null;
  }

  /**
   * A start naming the attributes was refused ({@link #refusesOurs}): a production server accepts
   * them only once its search attribute cache has caught up with their registration. Runs start
   * without them until the next re-check.
   */
  public synchronized void notYetUsable(RuntimeException refusal) {
    List<String> names = named(refusal);
    enterMissing(
        new SearchAttributesMissing(
            config.namespace(),
            names.isEmpty() ? List.copyOf(RunWorkflows.searchAttributeTypes().keySet()) : names,
            SearchAttributesMissing.NOT_YET_USABLE),
        "Temporal refused a workflow start naming the run search attributes "
            + names
            + " on namespace '"
            + config.namespace()
            + "', most likely because its search attribute cache has not caught up with their"
            + " registration; runs start without them until the next check in "
            + SearchAttributeAdvice.human(config.searchAttributesRecheckInterval()));
  }

  /**
   * Whether {@code failure} is a start refused because of the run search attributes: an invalid
   * argument naming one of them.
   */
  public static boolean refusesOurs(Throwable failure) {
    return !named(failure).isEmpty();
  }

  /** The run search attributes an invalid-argument status among the causes names. */
  private static List<String> named(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException status
          && status.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        String message = String.valueOf(status.getStatus().getDescription());
        return RunWorkflows.searchAttributeTypes().keySet().stream()
            .filter(message::contains)
            .toList();
      }
    }
    return List.of();
  }

  /** Notices attributes an operator created, without waiting for the next run's start. */
  @Scheduled(
      identity = "search-attribute-recheck",
      every = "${agent-runtime.temporal.search-attributes-recheck-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  synchronized void recheck() {
    if (state == State.MISSING && !Instant.now().isBefore(nextCheck)) {
      refresh();
    }
  }

  private void refresh() {
    Map<String, IndexedValueType> wanted = RunWorkflows.searchAttributeTypes();
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> present = list(operator);
      Map<String, IndexedValueType> absent = new LinkedHashMap<>();
      Map<String, IndexedValueType> wrongType = new LinkedHashMap<>();
      wanted.forEach(
          (name, type) -> {
            IndexedValueType has = present == null ? null : present.get(name);
            if (has == null) {
              absent.put(name, type);
            } else if (has != type) {
              wrongType.put(name, has);
            }
          });
      String refusal = null;
      try {
        add(operator, absent);
      } catch (StatusRuntimeException e) {
        if (TRANSIENT.contains(e.getStatus().getCode())) {
          throw e;
        }
        refusal = e.getStatus().getCode() + ": " + e.getStatus().getDescription();
      }
      if (refusal == null && wrongType.isEmpty()) {
        if (state != State.REGISTERED) {
          LOG.infof(
              "search attributes %s are on namespace %s; runs start with them",
              wanted.keySet(), config.namespace());
        }
        state = State.REGISTERED;
        warned = null;
        return;
      }
      if (present == null) {
        refusal += "; nor could it list the namespace's search attributes";
      }
      Map<String, IndexedValueType> lacking = refusal == null ? Map.of() : absent;
      List<String> names =
          wanted.keySet().stream()
              .filter(name -> lacking.containsKey(name) || wrongType.containsKey(name))
              .toList();
      enterMissing(
          new SearchAttributesMissing(
              config.namespace(), names, SearchAttributesMissing.NOT_REGISTERED),
          SearchAttributeAdvice.warning(
              config.namespace(),
              lacking,
              wrongType,
              wanted,
              refusal == null ? "they exist with another type" : refusal,
              config.searchAttributesRecheckInterval()));
    } catch (StatusRuntimeException e) {
      // Unreachable: keep what is known; a start before the first answer waits for the reconciler.
      LOG.debugf("search attributes not checked: %s", e.getStatus());
      nextCheck = Instant.now().plusSeconds(2);
    } finally {
      operator.shutdown();
    }
  }

  /** The namespace's custom attributes, or null when the server will not say (a test server). */
  private Map<String, IndexedValueType> list(OperatorServiceStubs operator) {
    try {
      return operator
          .blockingStub()
          .withDeadlineAfter(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder().setNamespace(config.namespace()).build())
          .getCustomAttributesMap();
    } catch (StatusRuntimeException e) {
      if (TRANSIENT.contains(e.getStatus().getCode())) {
        throw e;
      }
      return null;
    }
  }

  private void add(OperatorServiceStubs operator, Map<String, IndexedValueType> attributes) {
    // One at a time: a server answers AlreadyExists for a request naming any existing one.
    for (Map.Entry<String, IndexedValueType> attribute : attributes.entrySet()) {
      try {
        operator
            .blockingStub()
            .withDeadlineAfter(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(config.namespace())
                    .putSearchAttributes(attribute.getKey(), attribute.getValue())
                    .build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw e;
        }
      }
    }
  }

  /** Runs start without the attributes until the next check; the warning is logged once. */
  private void enterMissing(SearchAttributesMissing now, String warning) {
    missing = now;
    state = State.MISSING;
    nextCheck = Instant.now().plus(config.searchAttributesRecheckInterval());
    String key = now.reason() + now.missing();
    if (!key.equals(warned)) {
      warned = key;
      LOG.warn(warning);
    }
  }

  private void checkWithRetries() {
    Instant deadline = Instant.now().plus(config.searchAttributesRetryFor());
    while (!stopping && Instant.now().isBefore(deadline)) {
      try {
        if (check() != State.UNKNOWN) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.debugf(e, "search attribute check failed");
      }
      try {
        Thread.sleep(Duration.ofSeconds(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (state == State.UNKNOWN && !stopping) {
      LOG.warnf(
          "could not check the search attributes on %s; workflow starts will retry it",
          config.target());
    }
  }
}
