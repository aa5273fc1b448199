package dev.agentruntime.worker.activity;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.json.CanonicalJson;
import dev.agentruntime.core.run.Admission;
import dev.agentruntime.core.run.AdmissionRequest;
import dev.agentruntime.core.run.ChildReservation;
import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.run.RunAdmissions;
import dev.agentruntime.core.run.RunOrigin;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.storage.ObjectStore;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * What every way of starting a child run shares (a call of a tool of kind agent, a pipeline's
 * step): whether the child's limits fit in what its parent has left, its admission through the one
 * admission path (origin {@code parent}, under a key no API request can take), and reading its
 * answer when it ended.
 */
@Singleton
public class ChildRunStarter {

  private final RunAdmissions admissions;
  private final ObjectStore objects;

  public ChildRunStarter(RunAdmissions admissions, ObjectStore objects) {
    this.admissions = admissions;
    this.objects = objects;
  }

  /** What a parent has left to give its next child. */
  public record Left(int steps, long tokens, int depth, int children) {}

  /**
   * Why a child of {@code agent} with {@code limits} cannot start within {@code left}, or {@code
   * null} when it can.
   */
  static String overLimits(String agent, LimitsSpec limits, Left left) {
    if (left.depth() < 1) {
      return "the run tree's depth limit is reached: this run may not start child runs";
    }
    if (left.children() < 1) {
      return "this run has started as many child runs as its limits.maxChildren allows";
    }
    if (limits.maxStepsOrDefault() > left.steps()) {
      return agent
          + " may use up to "
          + limits.maxStepsOrDefault()
          + " steps, and this run has "
          + Math.max(0, left.steps())
          + " left for itself and its child runs (limits.maxSteps); not started";
    }
    if (limits.maxTokensOrDefault() > left.tokens()) {
      return agent
          + " may use up to "
          + limits.maxTokensOrDefault()
          + " tokens, and this run has "
          + Math.max(0, left.tokens())
          + " left for itself and its child runs (limits.maxTokens); not started";
    }
    return null;
  }

  /**
   * Admits the child run of {@code parent} keyed {@code key} (a retry answers the same child), its
   * limits reserved, one level less deep than its parent may go.
   *
   * @param key holds spaces, which no key sent to the API can (visible ASCII only)
   */
  QueuedRun admit(
      String tenantId,
      UUID parent,
      String agent,
      int version,
      String inputJson,
      String key,
      LimitsSpec limits,
      int depthLeft) {
    Admission admission =
        admissions.admit(
            new AdmissionRequest(
                tenantId,
                UUID.randomUUID(),
                null,
                agent,
                version,
                inputJson,
                key,
                CanonicalJson.sha256Hex(inputJson),
                RunOrigin.PARENT,
                "run " + parent,
                new ChildReservation(
                    parent,
                    limits.maxStepsOrDefault(),
                    limits.maxTokensOrDefault(),
                    depthLeft - 1)));
    return switch (admission) {
      case Admission.Admitted admitted -> admitted.run();
      case Admission.Replayed replayed -> replayed.run();
      case Admission.NotFound notFound ->
          throw ApplicationFailure.newNonRetryableFailure(
              "run " + parent + " or agent " + agent + " vanished",
              ActivityFailureTypes.CLIENT_ERROR);
      case Admission.KeyReused reused ->
          throw ApplicationFailure.newNonRetryableFailure(
              "the child run " + key + " was admitted before with another input",
              ActivityFailureTypes.CLIENT_ERROR);
      case Admission.TenantSuspended suspended ->
          throw ApplicationFailure.newNonRetryableFailure(
              "the tenant is suspended: no run of it starts, a child run neither",
              ActivityFailureTypes.CLIENT_ERROR);
      case Admission.OverBudget over ->
          throw ApplicationFailure.newNonRetryableFailure(
              "no child run starts: " + over.budget().stopReason(),
              ActivityFailureTypes.CLIENT_ERROR);
    };
  }

  /** The answer of a child run that succeeded: its output artifact, empty when it has none. */
  String answer(String tenantId, UUID childRunId) {
    return objects
        .findText(RunObjectKeys.artifact(tenantId, childRunId, RunObjectKeys.OUTPUT_ARTIFACT))
        .orElse("");
  }
}
