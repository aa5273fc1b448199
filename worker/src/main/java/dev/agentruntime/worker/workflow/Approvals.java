package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.approval.ApprovalDecision;
import dev.agentruntime.core.approval.ApprovalOutcome;
import dev.agentruntime.core.approval.ApprovalRejections;
import dev.agentruntime.core.approval.ApprovalStatus;
import dev.agentruntime.core.approval.ApprovalTicket;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The run's approvals as the workflow holds them: announced (id chosen, row being written), open
 * (pending, with the hash of its arguments and its expiry), and closed with an outcome. The single
 * place that judges a decision, for the update's validator and its handler alike.
 */
final class Approvals {

  private record Open(ApprovalTicket ticket, long expiresAtMillis, int step) {}

  private final Set<String> announced = new HashSet<>();
  private final Map<String, Open> open = new HashMap<>();
  private final Map<String, ApprovalOutcome> closed = new HashMap<>();
  private final Set<String> recorded = new HashSet<>();
  private final Map<String, Integer> steps = new HashMap<>();

  void announce(String approvalId) {
    announced.add(approvalId);
  }

  /** Nobody is asked after all (the call's arguments were not JSON). */
  void withdraw(String approvalId) {
    announced.remove(approvalId);
  }

  /** Whether a decision on {@code approvalId} can be judged now (or never will be). */
  boolean isSettled(String approvalId) {
    return !announced.contains(approvalId) || isOpen(approvalId);
  }

  void open(ApprovalTicket ticket, long expiresAtMillis, int step) {
    open.put(ticket.approvalId(), new Open(ticket, expiresAtMillis, step));
    steps.put(ticket.approvalId(), step);
  }

  /** The model step whose call the approval gates. */
  int step(String approvalId) {
    return steps.getOrDefault(approvalId, 0);
  }

  boolean isOpen(String approvalId) {
    return open.containsKey(approvalId) || closed.containsKey(approvalId);
  }

  /** Closes the approval with {@code outcome} unless it is closed already; the outcome it has. */
  ApprovalOutcome close(ApprovalOutcome outcome) {
    open.remove(outcome.approvalId());
    return closed.computeIfAbsent(outcome.approvalId(), id -> outcome);
  }

  ApprovalOutcome outcome(String approvalId) {
    return closed.get(approvalId);
  }

  /** The outcome is in PostgreSQL: the loop may act on it. */
  void markRecorded(String approvalId) {
    recorded.add(approvalId);
  }

  boolean isRecorded(String approvalId) {
    return recorded.contains(approvalId);
  }

  /**
   * Whether {@code decision} may be taken now.
   *
   * @throws ApplicationFailure typed by {@link ApprovalRejections} when it may not
   */
  void check(ApprovalDecision decision, long nowMillis) {
    ApprovalOutcome done = closed.get(decision.approvalId());
    if (done != null) {
      if (done.status().equals(ApprovalStatus.EXPIRED)) {
        throw rejection(ApprovalRejections.EXPIRED, "the approval expired");
      }
      if (!done.status().equals(ApprovalStatus.of(decision.decision()))) {
        throw rejection(
            ApprovalRejections.ALREADY_DECIDED, "the approval was already " + done.status());
      }
      return; // the same decision again: answered with the recorded outcome
    }
    Open pending = open.get(decision.approvalId());
    if (pending == null) {
      if (announced.contains(decision.approvalId())) {
        return; // being recorded right now; the handler checks again once it is open
      }
      throw rejection(ApprovalRejections.NOT_PENDING, "no pending approval by that id");
    }
    if (nowMillis >= pending.expiresAtMillis()) {
      throw rejection(ApprovalRejections.EXPIRED, "the approval expired");
    }
    if (!pending.ticket().argumentsSha256().equals(decision.argumentsSha256())) {
      throw rejection(
          ApprovalRejections.ARGUMENTS_MISMATCH,
          "argumentsSha256 is not the hash of the pending call's arguments");
    }
  }

  private static ApplicationFailure rejection(String type, String message) {
    return ApplicationFailure.newNonRetryableFailure(
        ApprovalRejections.message(type, message), type);
  }
}
