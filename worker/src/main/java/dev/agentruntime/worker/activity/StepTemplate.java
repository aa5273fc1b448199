package dev.agentruntime.worker.activity;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.activity.ModelStepResult;
import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.event.AgentTurnCompleted;
import dev.agentruntime.core.run.event.ModelCallCompleted;
import dev.agentruntime.core.run.event.RunEventPayload;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.worker.model.Transcripts;
import dev.agentruntime.worker.store.RunEventRepository;
import dev.agentruntime.worker.store.RunRepository;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.ActivityCanceledException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What every step activity (a model call, an agent turn, a tool call) does around its own work, in
 * one place: heartbeat while it runs; reuse what a completed attempt recorded instead of doing the
 * work twice; load the run's spec; tell a cancelled attempt and an ended run from a failure, and
 * record a failure as a failed attempt; tell an outage of the kernel's own stores from the step's
 * failure ({@link KernelFailures}); and record a completed step with its transcript. Each activity
 * keeps only what is its own: the call, its span, its events' fields and its metrics.
 */
@Singleton
public class StepTemplate {

  private final RunRepository runs;
  private final RunEventRepository events;
  private final Transcripts transcripts;

  public StepTemplate(RunRepository runs, RunEventRepository events, Transcripts transcripts) {
    this.runs = runs;
    this.events = events;
    this.transcripts = transcripts;
  }

  /**
   * The step of a run an activity works on.
   *
   * @param eventKey the key its completed (or failed) event is recorded under
   */
  public record Step(String tenantId, UUID runId, int step, String eventKey) {}

  /**
   * The attempt running a step.
   *
   * @param info the activity's, or {@code null} when run outside any activity (a test)
   * @param alive its heartbeat, or {@code null} when it cannot heartbeat (a local activity)
   */
  public record Attempt(ActivityInfo info, Heartbeats.Ticking alive) {

    /** Whether the attempt was cancelled, or its run ended, while it ran. */
    public boolean cancelled() {
      return alive != null && alive.cancelled();
    }
  }

  /** An activity's own work on a step. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Attempt attempt);
  }

  /**
   * Runs {@code work} on {@code step}. A scheduled activity heartbeats meanwhile (a cancel reaches
   * it, a dead worker is noticed); a local one cannot, nor can a call made outside any activity. A
   * failure of a kernel dependency becomes {@link ActivityFailureTypes#KERNEL_UNAVAILABLE} after
   * its {@code kernel.dependency.unavailable} event; a cancelled attempt ends as cancelled.
   */
  public <T> T run(Step step, Work<T> work) {
    ActivityExecutionContext context = currentContext();
    Heartbeats.Ticking alive =
        context == null || context.getInfo().isLocal() ? null : Heartbeats.start(context);
    Attempt attempt = new Attempt(context == null ? null : context.getInfo(), alive);
    try {
      return work.run(attempt);
    } catch (ActivityCanceledException e) {
      throw e;
    } catch (RuntimeException e) {
      if (attempt.cancelled()) {
        throw new ActivityCanceledException(attempt.info(), e);
      }
      if (KernelFailures.isKernel(e)) {
        throw KernelFailures.unavailable(
            e,
            events,
            step.tenantId(),
            step.runId(),
            step.eventKey(),
            step.step(),
            Activity.getExecutionContext().getInfo());
      }
      throw e;
    } finally {
      if (alive != null) {
        alive.close();
      }
    }
  }

  /** The event a completed attempt of {@code step} recorded, if one did. */
  public Optional<RunEventPayload> recorded(Step step) {
    return events.find(step.tenantId(), step.runId(), step.eventKey());
  }

  /**
   * The answer of a model or agent step that was recorded before (the worker died before reporting
   * it), rebuilt from its event and transcript, so it is neither asked nor paid again.
   */
  public Optional<ModelStepResult> recordedAnswer(Step step, String transcriptKey) {
    long tokens;
    switch (recorded(step).orElse(null)) {
      case ModelCallCompleted model -> tokens = model.tokens();
      case AgentTurnCompleted turn -> tokens = turn.tokens();
      case null, default -> {
        return Optional.empty();
      }
    }
    AiMessage answer = Transcripts.lastAiMessage(transcripts.read(transcriptKey));
    return Optional.of(StepResults.of(transcriptKey, answer, tokens, null));
  }

  /** The spec of the run's pinned version; a version that is gone is not retried. */
  public AgentSpec spec(String tenantId, UUID agentVersionId) {
    return runs.spec(tenantId, agentVersionId)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "agent version " + agentVersionId + " not found",
                    ActivityFailureTypes.CLIENT_ERROR));
  }

  /**
   * Why a failed attempt needs no failed-attempt event: it was cancelled (the call was aborted on
   * purpose), or its run has ended (by its deadline, or shut down) and its timeline is closed.
   * Empty when the attempt really failed.
   */
  public Optional<RuntimeException> stopped(Step step, Attempt attempt, Exception cause) {
    if (attempt.cancelled()) {
      return Optional.of(new ActivityCanceledException(attempt.info(), cause));
    }
    if (hasEnded(step.tenantId(), step.runId())) {
      return Optional.of(
          ApplicationFailure.newNonRetryableFailureWithCause(
              "run " + step.runId() + " already ended", ActivityFailureTypes.CLIENT_ERROR, cause));
    }
    return Optional.empty();
  }

  /**
   * Records a failed attempt of {@code step}: each attempt its own event, keyed by the activity id
   * too, since after a kernel retry the step is a new activity whose attempts count from 1 again.
   */
  public void recordFailedAttempt(Step step, Attempt attempt, RunEventPayload failed) {
    events.append(
        step.tenantId(),
        step.runId(),
        RunEventKeys.failedAttempt(
            step.eventKey(), attempt.info().getActivityId(), attempt.info().getAttempt()),
        failed);
  }

  /**
   * Records an answered model or agent step: the transcript with its answer first, then its event
   * and the run's step count in one commit, so an event always has its transcript (one written for
   * a run that ended meanwhile is never read).
   *
   * @return the transcript's digest as written
   * @throws ApplicationFailure (not retried) when the run ended while the step was in flight
   */
  public String recordAnswer(
      Step step, String transcriptKey, List<ChatMessage> messages, RunEventPayload completed) {
    String transcriptSha256 = transcripts.write(transcriptKey, messages);
    if (events.appendStep(step.tenantId(), step.runId(), step.eventKey(), completed, step.step())
        == 0) {
      throw ApplicationFailure.newNonRetryableFailure(
          "run " + step.runId() + " already ended", ActivityFailureTypes.CLIENT_ERROR);
    }
    return transcriptSha256;
  }

  private boolean hasEnded(String tenantId, UUID runId) {
    return runs.find(tenantId, runId).map(run -> run.status().isTerminal()).orElse(true);
  }

  private static ActivityExecutionContext currentContext() {
    try {
      return Activity.getExecutionContext();
    } catch (IllegalStateException outsideAnActivity) {
      return null;
    }
  }
}
