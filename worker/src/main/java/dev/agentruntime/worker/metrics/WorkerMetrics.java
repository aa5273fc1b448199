package dev.agentruntime.worker.metrics;

import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.ModelSpec;
import dev.agentruntime.core.spec.ToolKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;

/**
 * The worker's own meters (docs/observability.md#metrics). Recorded by activities only, never by
 * workflow code, which replays. Every label is bounded: tenants and model names come from the
 * database, kinds, statuses and outcomes from enums; no run id or free text is ever a label.
 */
@Singleton
public class WorkerMetrics {

  /** The label of a model name the spec leaves to the provider (the demo model has none). */
  static final String NO_MODEL = "none";

  /** Model names come from agent specs; a longer one is cut so a typo cannot bloat a series. */
  private static final int MAX_MODEL_LABEL = 100;

  private final MeterRegistry registry;

  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A run reached its terminal status; call once per run (when the status transition happened). */
  public void runFinished(String tenant, RunStatus status) {
    Counter.builder("agent_runtime.runs.finished")
        .description("Runs that reached a terminal status")
        .tag("tenant", tenant)
        .tag("status", status.wireName())
        .register(registry)
        .increment();
  }

  /**
   * A model call that answered: its latency, and the tokens it used by tenant and direction ({@code
   * input}, {@code output}), as its {@code model_usage} row records them.
   */
  public void modelCallCompleted(
      String tenant, ModelSpec model, Duration latency, long inputTokens, long outputTokens) {
    String provider = provider(model);
    String name = modelName(model);
    modelCalls(provider, name, "completed");
    Timer.builder("agent_runtime.model.call")
        .description("Latency of model calls that answered")
        .tag("provider", provider)
        .tag("model", name)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(5))
        .register(registry)
        .record(latency);
    tokens(tenant, provider, name, "input").increment(inputTokens);
    tokens(tenant, provider, name, "output").increment(outputTokens);
  }

  private Counter tokens(String tenant, String provider, String model, String direction) {
    return Counter.builder("agent_runtime.model.tokens")
        .description("Tokens used by model calls that answered")
        .tag("tenant", tenant)
        .tag("provider", provider)
        .tag("model", model)
        .tag("direction", direction)
        .register(registry);
  }

  /**
   * A model call that failed: {@code unavailable} when a retry may help (5xx, 429, timeout,
   * network), {@code client_error} when it cannot (the request itself was refused).
   */
  public void modelCallFailed(ModelSpec model, boolean retryable) {
    modelCalls(provider(model), modelName(model), retryable ? "unavailable" : "client_error");
  }

  private void modelCalls(String provider, String model, String outcome) {
    Counter.builder("agent_runtime.model.calls")
        .description("Model calls by outcome")
        .tag("provider", provider)
        .tag("model", model)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /**
   * A tool call, by kind ({@code unknown} for a name the spec does not declare) and outcome: {@code
   * completed}, {@code failed}, or {@code refused} (never executed: not approved).
   */
  public void toolCall(ToolKind kind, ToolOutcome outcome) {
    Counter.builder("agent_runtime.tool.calls")
        .description("Tool calls by kind and outcome")
        .tag("kind", kind == null ? "unknown" : kind.name().toLowerCase(Locale.ROOT))
        .tag("outcome", outcome.label())
        .register(registry)
        .increment();
  }

  /** One turn of an HTTP agent, answered or not, with how long the exchange took. */
  public void agentTurn(TurnOutcome outcome, Duration latency) {
    Timer.builder("agent_runtime.agent.turn")
        .description("Turns of HTTP agents by outcome")
        .tag("outcome", outcome.label())
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(5))
        .register(registry)
        .record(latency);
  }

  /** How a tool call ended. */
  public enum ToolOutcome {
    COMPLETED,
    FAILED,
    REFUSED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How an HTTP agent's turn ended. */
  public enum TurnOutcome {
    COMPLETED,
    /** The agent could not answer yet (down, slow, 5xx): retried. */
    UNAVAILABLE,
    /** The agent refused the turn or answered nonsense: not retried. */
    FAILED,
    /** The run was cancelled or ended while the turn was in flight. */
    CANCELLED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The provider's label, as metrics and usage name it ({@code none} for no model). */
  public static String provider(ModelSpec model) {
    return model == null || model.provider() == null
        ? NO_MODEL
        : model.provider().name().toLowerCase(Locale.ROOT);
  }

  private static String modelName(ModelSpec model) {
    if (model == null || model.name() == null || model.name().isBlank()) {
      return NO_MODEL;
    }
    String name = model.name().strip();
    return name.length() > MAX_MODEL_LABEL ? name.substring(0, MAX_MODEL_LABEL) : name;
  }
}
