package dev.agentruntime.api.run.approval;

import dev.agentruntime.api.error.ApprovalRefused;
import dev.agentruntime.api.error.ApprovalRefused.Reason;
import dev.agentruntime.api.error.DecisionNotConfirmed;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.run.RunCursor;
import dev.agentruntime.api.run.RunEntity;
import dev.agentruntime.api.run.RunRepository;
import dev.agentruntime.core.approval.ApprovalDecision;
import dev.agentruntime.core.approval.ApprovalOutcome;
import dev.agentruntime.core.approval.ApprovalRejections;
import dev.agentruntime.core.approval.ApprovalStatus;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateStage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lists a run's approvals, and the tenant's a page at a time, and takes decisions on them. What
 * PostgreSQL already shows is answered from there (a decision repeated, a conflicting one, an
 * expired approval, other arguments); a decision on a pending approval goes to the run's workflow
 * as an update, whose validator judges it again, so the caller learns the outcome synchronously and
 * a race between two deciders has one winner.
 *
 * <p>With {@code agent-runtime.approvals.require-separate-decider} on, whoever started a run may
 * not decide its approvals (four eyes): checked here against the run's {@code created_by}, which
 * never changes, so the workflow needs no second look.
 */
@ApplicationScoped
public class ApprovalService {

  private final ApprovalRepository approvals;
  private final RunRepository runs;
  private final WorkflowClient temporal;
  private final Duration confirmTimeout;
  private final boolean requireSeparateDecider;
  private final ExecutorService updates =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "approval-decisions");
            thread.setDaemon(true);
            return thread;
          });

  public ApprovalService(
      ApprovalRepository approvals,
      RunRepository runs,
      WorkflowClient temporal,
      @ConfigProperty(name = "agent-runtime.approvals.decision-timeout") Duration confirmTimeout,
      @ConfigProperty(name = "agent-runtime.approvals.require-separate-decider")
          boolean requireSeparateDecider) {
    this.approvals = approvals;
    this.runs = runs;
    this.temporal = temporal;
    this.confirmTimeout = confirmTimeout;
    this.requireSeparateDecider = requireSeparateDecider;
  }

  /** The approvals of the run and of every run below it (a root's are its whole tree's). */
  public List<ApprovalResponse> list(String tenantId, UUID runId) {
    RunEntity run =
        runs.findView(tenantId, runId).orElseThrow(() -> new NotFound("Run " + runId)).run();
    return approvals.listTree(tenantId, runId, run.parentRunId == null);
  }

  /**
   * A page of the approvals of the tenant's runs matching {@code query}, newest first, after {@code
   * cursor} when given. One row more than the page is read, so the last page says so (a null
   * cursor) instead of leading the client to an empty one.
   */
  public ApprovalPageResponse page(
      String tenantId, ApprovalListQuery query, String cursor, int limit) {
    String fingerprint = query.fingerprint(tenantId);
    RunCursor after = cursor == null ? null : RunCursor.decode(cursor, fingerprint);
    List<ApprovalResponse> rows = approvals.page(tenantId, query, after, limit + 1);
    List<ApprovalResponse> page = rows.subList(0, Math.min(limit, rows.size()));
    String next = null;
    if (rows.size() > limit) {
      ApprovalResponse last = page.get(page.size() - 1);
      next = new RunCursor(last.requestedAt(), UUID.fromString(last.id())).encode(fingerprint);
    }
    return new ApprovalPageResponse(page, next);
  }

  /**
   * @param actor who decides, recorded with the decision
   */
  public ApprovalResponse decide(
      String tenantId, UUID runId, String approvalId, DecideApprovalRequest request, String actor) {
    RunEntity run =
        runs.findView(tenantId, runId).orElseThrow(() -> new NotFound("Run " + runId)).run();
    String workflowId = run.workflowId;
    ApprovalResponse approval =
        approvals
            .find(tenantId, runId, approvalId)
            .orElseThrow(() -> new NotFound("Approval " + approvalId));
    // Before any other answer, a repeated decision included: the starter decides nothing here,
    // and learns nothing about the approval's state by trying.
    if (requireSeparateDecider && starter(tenantId, run).equals(actor)) {
      throw new ApprovalRefused(
          Reason.STARTER_MAY_NOT_DECIDE,
          "The person who started the run cannot decide its approvals; another approver must."
              + " Nothing was decided.");
    }
    String wanted = ApprovalStatus.of(request.decision());
    switch (approval.status()) {
      case ApprovalStatus.PENDING -> {}
      case ApprovalStatus.EXPIRED -> throw expired();
      case ApprovalStatus.CANCELLED ->
          throw new ApprovalRefused(Reason.NOT_PENDING, "The approval's run ended undecided");
      default -> {
        if (!approval.status().equals(wanted)) {
          throw new ApprovalRefused(
              Reason.ALREADY_DECIDED, "The approval was already " + approval.status());
        }
        checkArguments(approval, request);
        return approval; // the same decision again: the same answer
      }
    }
    if (!Instant.now().isBefore(approval.expiresAt())) {
      throw expired();
    }
    checkArguments(approval, request);
    send(
        workflowId,
        new ApprovalDecision(
            approvalId, request.decision(), request.argumentsSha256(), actor, request.comment()));
    return approvals.find(tenantId, runId, approvalId).orElseThrow();
  }

  private void send(String workflowId, ApprovalDecision decision) {
    UpdateOptions<ApprovalOutcome> options =
        UpdateOptions.newBuilder(ApprovalOutcome.class)
            .setUpdateName("decide")
            // The same decision sent twice is one update to Temporal.
            .setUpdateId(
                decision.approvalId()
                    + ":"
                    + decision.decision()
                    + ":"
                    + decision.argumentsSha256())
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build();
    // The client keeps polling until the workflow answers; a run nobody works on would hold the
    // caller (and a thread) forever. So the call runs on a thread of its own, interrupted (which
    // aborts its gRPC call) when the wait is over.
    Future<ApprovalOutcome> outcome =
        updates.submit(
            () ->
                temporal
                    .newUntypedWorkflowStub(workflowId)
                    .startUpdate(options, decision)
                    .getResult());
    try {
      outcome.get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      outcome.cancel(true);
      throw new DecisionNotConfirmed(
          "The run did not confirm the decision within "
              + confirmTimeout.toSeconds()
              + " s (is a worker running?); it may still take effect: read the approval again",
          e);
    } catch (ExecutionException e) {
      throw refusal(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DecisionNotConfirmed("Interrupted while waiting for the run", e);
    }
  }

  private static RuntimeException refusal(Throwable failure) {
    String rejection = ApprovalRejections.of(failure).orElse(null);
    if (rejection == null) {
      if (failure instanceof io.temporal.client.WorkflowNotFoundException
          || String.valueOf(failure.getMessage())
              .contains("workflow execution already completed")) {
        return new ApprovalRefused(Reason.NOT_PENDING, "The approval's run has ended");
      }
      return new DecisionNotConfirmed("The run could not take the decision: " + failure, failure);
    }
    return switch (rejection) {
      case ApprovalRejections.ARGUMENTS_MISMATCH ->
          new ApprovalRefused(Reason.ARGUMENTS_MISMATCH, "argumentsSha256 does not match");
      case ApprovalRejections.ALREADY_DECIDED ->
          new ApprovalRefused(Reason.ALREADY_DECIDED, "Another decision was taken first");
      case ApprovalRejections.EXPIRED -> expired();
      default -> new ApprovalRefused(Reason.NOT_PENDING, "The approval is not pending");
    };
  }

  private static void checkArguments(ApprovalResponse approval, DecideApprovalRequest request) {
    if (!approval.argumentsSha256().equals(request.argumentsSha256())) {
      throw new ApprovalRefused(
          Reason.ARGUMENTS_MISMATCH,
          // The pending hash is not echoed: a client that could copy it from here would decide
          // without having read the arguments it binds to.
          "argumentsSha256 is not the hash of the pending call's arguments; nothing was decided."
              + " Read the approval (GET /v1/runs/{runId}/approvals) to see the arguments and"
              + " their hash");
    }
  }

  /**
   * The person who started the run's tree: a child run's {@code created_by} names its parent run,
   * not a person, so a descendant's approval is held to its root's starter. Otherwise whoever
   * started a root could decide every approval below it and the four eyes would be two.
   */
  private String starter(String tenantId, RunEntity run) {
    if (run.rootRunId == null) {
      return run.createdBy;
    }
    return runs.findView(tenantId, run.rootRunId)
        .orElseThrow(() -> new IllegalStateException("the root of run " + run.id + " is missing"))
        .run()
        .createdBy;
  }

  private static ApprovalRefused expired() {
    return new ApprovalRefused(
        Reason.EXPIRED, "The approval expired; the run went on as if it was denied");
  }
}
