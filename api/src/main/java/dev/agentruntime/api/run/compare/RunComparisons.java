package dev.agentruntime.api.run.compare;

import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.run.RunOutputs;
import dev.agentruntime.api.usage.PriceTable;
import dev.agentruntime.api.usage.UsageTotals;
import dev.agentruntime.core.json.CanonicalJson;
import dev.agentruntime.core.run.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BinaryOperator;

/**
 * Compares two runs of a tenant for evaluation (typically a run and its replay on another version):
 * each as it stands, the differences, and their steps side by side. Runs of different agents
 * compare too (the same input through two agents is an evaluation as well): {@code sameAgent} says
 * so. Reads only.
 */
@ApplicationScoped
public class RunComparisons {

  /** The most steps answered per run; the events read are bounded accordingly. */
  static final int MAX_STEPS = 200;

  /**
   * The most step events read per run: a step is one model call, its failed attempts and its tool
   * calls, so this holds {@link #MAX_STEPS} steps of ordinary size.
   */
  static final int MAX_EVENTS = 4000;

  private final RunComparisonRepository runs;
  private final RunOutputs outputs;
  private final OutputComparison outputComparison;
  private final PriceTable prices;

  public RunComparisons(
      RunComparisonRepository runs,
      RunOutputs outputs,
      OutputComparison outputComparison,
      PriceTable prices) {
    this.runs = runs;
    this.outputs = outputs;
    this.outputComparison = outputComparison;
    this.prices = prices;
  }

  public RunComparisonResponse compare(String tenantId, UUID first, UUID second) {
    RunComparisonRepository.Facts a = facts(tenantId, first);
    RunComparisonRepository.Facts b = facts(tenantId, second);
    ComparedRun left = compared(tenantId, a);
    ComparedRun right = compared(tenantId, b);
    Steps leftSteps = steps(tenantId, first);
    Steps rightSteps = steps(tenantId, second);
    OutputComparison.Result output = outputComparison.compare(tenantId, first, second);
    RunDifferences differences =
        new RunDifferences(
            a.agentId().equals(b.agentId()),
            a.agentVersionId().equals(b.agentVersionId()),
            sameJson(a.input(), b.input()),
            output.equal(),
            output.by(),
            right.steps() - left.steps(),
            right.totalTokens() - left.totalTokens(),
            right.usage().inputTokens() - left.usage().inputTokens(),
            right.usage().outputTokens() - left.usage().outputTokens(),
            delta(left.durationMillis(), right.durationMillis(), (x, y) -> y - x),
            delta(left.usage().cost(), right.usage().cost(), (x, y) -> y.subtract(x)),
            left.finished() && right.finished());
    return new RunComparisonResponse(
        left,
        right,
        differences,
        prices.currency(),
        sideBySide(leftSteps.listed(), rightSteps.listed()),
        leftSteps.truncated() || rightSteps.truncated());
  }

  private RunComparisonRepository.Facts facts(String tenantId, UUID runId) {
    return runs.facts(tenantId, runId).orElseThrow(() -> new NotFound("Run " + runId));
  }

  private ComparedRun compared(String tenantId, RunComparisonRepository.Facts run) {
    boolean finished = RunStatus.fromWireName(run.status()).isTerminal();
    Long duration =
        run.startedAt() == null || run.finishedAt() == null
            ? null
            : Duration.between(run.startedAt(), run.finishedAt()).toMillis();
    return new ComparedRun(
        run.runId(),
        run.agentId(),
        run.agentName(),
        run.agentVersion(),
        run.alias(),
        run.source(),
        run.status(),
        run.statusReason(),
        finished,
        run.purged(),
        outputs.withText(tenantId, run.runId()).orElse(null),
        run.steps(),
        run.totalTokens(),
        usage(tenantId, run.runId()),
        run.startedAt(),
        run.finishedAt(),
        duration);
  }

  /** The run's model usage; its cost is unknown (null) when a model among its calls is unpriced. */
  private UsageTotals usage(String tenantId, UUID runId) {
    long calls = 0;
    long input = 0;
    long output = 0;
    BigDecimal cost = BigDecimal.ZERO;
    for (RunComparisonRepository.Usage part : runs.usage(tenantId, runId)) {
      calls += part.calls();
      input += part.inputTokens();
      output += part.outputTokens();
      BigDecimal partCost =
          prices
              .cost(part.provider(), part.model(), part.inputTokens(), part.outputTokens())
              .orElse(null);
      cost = cost == null || partCost == null ? null : cost.add(partCost);
    }
    return new UsageTotals(calls, input, output, cost);
  }

  /** A run's first steps, and whether it had more than these. */
  private record Steps(List<StepSummary> listed, boolean truncated) {}

  /**
   * At most {@link #MAX_STEPS} steps. When the events read reach their bound, the last step read
   * may lack some of its events, so it is left out and the answer says it was cut.
   */
  private Steps steps(String tenantId, UUID runId) {
    List<RunComparisonRepository.Event> events =
        runs.events(tenantId, runId, StepTimeline.TYPES, MAX_EVENTS);
    List<StepSummary> steps = StepTimeline.of(events);
    boolean eventsCut = events.size() == MAX_EVENTS;
    int complete = eventsCut ? Math.max(0, steps.size() - 1) : steps.size();
    int listed = Math.min(complete, MAX_STEPS);
    return new Steps(steps.subList(0, listed), eventsCut || steps.size() > MAX_STEPS);
  }

  private static List<StepComparison> sideBySide(List<StepSummary> a, List<StepSummary> b) {
    Map<Integer, StepSummary[]> byNumber = new TreeMap<>();
    a.forEach(step -> byNumber.computeIfAbsent(step.step(), n -> new StepSummary[2])[0] = step);
    b.forEach(step -> byNumber.computeIfAbsent(step.step(), n -> new StepSummary[2])[1] = step);
    List<StepComparison> pairs = new ArrayList<>(byNumber.size());
    byNumber.forEach((step, pair) -> pairs.add(StepComparison.of(step, pair[0], pair[1])));
    return pairs;
  }

  /** Inputs are JSON objects the database stored; equal canonical forms mean the same input. */
  private static boolean sameJson(String a, String b) {
    if (Objects.equals(a, b)) {
      return true;
    }
    try {
      return CanonicalJson.canonicalize(a).equals(CanonicalJson.canonicalize(b));
    } catch (IllegalArgumentException e) {
      // Not I-JSON (a number beyond a double): the stored texts, which differ, decide.
      return false;
    }
  }

  private static <T> T delta(T a, T b, BinaryOperator<T> minus) {
    return a == null || b == null ? null : minus.apply(a, b);
  }
}
