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
import dev.agentruntime.worker.store.RunRecord;
import dev.agentruntime.worker.store.RunRepository;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * What every way of starting a child run shares (a call of a tool of kind agent, a pipeline's
 * step): which version of the named agent it runs (pinned, or what an alias points at), whether the
 * child's limits fit in what its parent has left, its admission through the one admission path
 * (origin {@code parent}, under a key no API request can take), and reading its answer when it
 * ended.
 */
@Singleton
public class ChildRunStarter {

  private final RunAdmissions admissions;
  private final ObjectStore objects;
  private final RunRepository runs;

  public ChildRunStarter(RunAdmissions admissions, ObjectStore objects, RunRepository runs) {
    this.admissions = admissions;
    this.objects = objects;
    this.runs = runs;
  }

  /** Which version a child runs, or why it cannot start. */
  sealed interface Resolution permits Target, Unresolved {}

  /**
   * The version of {@code agent} a child runs, with its spec.
   *
   * @param alias the alias it was resolved from, or null for a pinned version
   * @param routingKey the key the alias was resolved with, or null
   */
  record Target(
      String agent, int version, String alias, String routingKey, RunRepository.AgentVersionRef ref)
      implements Resolution {

    /** How refusals name it: {@code agent 'x' v3}, with the alias it came from. */
    String label() {
      return "agent '" + agent + "' v" + version + (alias == null ? "" : " (alias " + alias + ")");
    }
  }

  /** The tenant has no such agent, version or alias: the call or step is refused with it. */
  record Unresolved(String reason) implements Resolution {}

  /**
   * The version a child of {@code parent} runs: {@code version}, or the one {@code alias} points at
   * now. Within a split, the key is the tree's root run ({@link #routingKey}), so while the split
   * stands every call of one tree lands on the same side: a tree never mixes canary and stable.
   */
  Resolution resolve(String tenantId, UUID parent, String agent, Integer version, String alias) {
    String key = null;
    Integer resolved = version;
    if (alias != null) {
      key = routingKey(tenantId, parent);
      resolved = runs.aliasVersion(tenantId, agent, alias, key).orElse(null);
      if (resolved == null) {
        return new Unresolved(
            "agent '"
                + agent
                + "' has no alias '"
                + alias
                + "' in this tenant (it was deleted or never set: PUT"
                + " /v1/agents/{id}/aliases/"
                + alias
                + " to point it at a version)");
      }
    }
    RunRepository.AgentVersionRef ref = runs.version(tenantId, agent, resolved).orElse(null);
    if (ref == null) {
      return new Unresolved("agent '" + agent + "' has no version " + resolved + " in this tenant");
    }
    return new Target(agent, resolved, alias, key, ref);
  }

  /** {@code tree <root run id>}: the routing key of a child's alias (docs/agent-spec.md). */
  private String routingKey(String tenantId, UUID parent) {
    RunRecord run =
        runs.find(tenantId, parent)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "run " + parent + " not found", ActivityFailureTypes.CLIENT_ERROR));
    return "tree " + (run.tree() == null ? parent : run.tree().rootRunId());
  }

  /**
   * The limits the child admitted as {@code run} was given: its target's, unless a retry found the
   * child admitted before on another version (its alias moved in between), whose limits it was
   * given then.
   */
  LimitsSpec limitsOf(String tenantId, QueuedRun run, Target target) {
    if (run.agentVersion() == target.version()) {
      return target.ref().spec().limitsOrDefault();
    }
    return runs.spec(tenantId, run.agentVersionId())
        .map(spec -> spec.limitsOrDefault())
        .orElseGet(() -> target.ref().spec().limitsOrDefault());
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
   * Admits the child run of {@code parent} keyed {@code key} (a retry answers the same child) on
   * {@code target}'s version, recording its alias if it came from one, its limits reserved, one
   * level less deep than its parent may go.
   *
   * @param key holds spaces, which no key sent to the API can (visible ASCII only)
   */
  QueuedRun admit(
      String tenantId,
      UUID parent,
      Target target,
      String inputJson,
      String key,
      LimitsSpec limits,
      int depthLeft) {
    String agent = target.agent();
    AdmissionRequest request =
        new AdmissionRequest(
            tenantId,
            UUID.randomUUID(),
            null,
            agent,
            target.version(),
            inputJson,
            key,
            CanonicalJson.sha256Hex(inputJson),
            RunOrigin.PARENT,
            "run " + parent,
            new ChildReservation(
                parent, limits.maxStepsOrDefault(), limits.maxTokensOrDefault(), depthLeft - 1));
    Admission admission =
        admissions.admit(
            target.alias() == null
                ? request
                : request.withResolvedAlias(target.alias(), target.routingKey()));
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
