package dev.agentruntime.api.temporal;

import dev.agentruntime.core.workflow.RunWorkflows;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Registers the run search attributes on the namespace, so workflows can be started with them and
 * operators can filter by them. Start-up retries in the background while Temporal is unreachable;
 * it never stops the API from starting.
 */
@ApplicationScoped
public class SearchAttributeRegistrar {

  private static final Logger LOG = Logger.getLogger(SearchAttributeRegistrar.class);

  private final WorkflowServiceStubs stubs;
  private final TemporalConfig config;
  private volatile boolean registered;
  private volatile boolean stopping;

  public SearchAttributeRegistrar(WorkflowServiceStubs stubs, TemporalConfig config) {
    this.stubs = stubs;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    Thread.ofVirtual().name("search-attribute-registrar").start(this::registerWithRetries);
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  /**
   * Registers the attributes unless already done. Safe to call from any thread, any number of
   * times.
   *
   * @return whether the attributes are registered
   */
  public synchronized boolean ensureRegistered() {
    if (registered) {
      return true;
    }
    Map<String, IndexedValueType> attributes = RunWorkflows.searchAttributeTypes();
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
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
      registered = true;
      LOG.infof("search attributes registered on namespace %s", config.namespace());
      return true;
    } catch (StatusRuntimeException e) {
      LOG.debugf("search attributes not registered yet: %s", e.getStatus());
      return false;
    } finally {
      operator.shutdown();
    }
  }

  private void registerWithRetries() {
    Instant deadline = Instant.now().plus(config.searchAttributesRetryFor());
    while (!stopping && Instant.now().isBefore(deadline)) {
      try {
        if (ensureRegistered()) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.debugf(e, "search attribute registration failed");
      }
      try {
        Thread.sleep(Duration.ofSeconds(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (!registered && !stopping) {
      LOG.warnf(
          "could not register search attributes on %s; workflow starts will retry it",
          config.target());
    }
  }
}
