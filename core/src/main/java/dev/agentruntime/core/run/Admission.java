package dev.agentruntime.core.run;

import dev.agentruntime.core.tenant.BudgetExceeded;
import java.time.Instant;

/** What the admission path answered: one of six outcomes, each with what its caller needs. */
public sealed interface Admission {

  /** A new queued run with its {@code run.queued} event; its workflow is not started yet. */
  record Admitted(QueuedRun run, Instant createdAt) implements Admission {}

  /**
   * The idempotency key had admitted this run before, for the same request.
   *
   * @param dispatched whether its workflow start was recorded; if not, starting it again is
   *     harmless (the workflow id is the same)
   */
  record Replayed(QueuedRun run, boolean dispatched) implements Admission {}

  /** The idempotency key had admitted a run for another request; nothing was written. */
  record KeyReused() implements Admission {}

  /** The tenant has no such agent, or the agent no such version; nothing was written. */
  record NotFound() implements Admission {}

  /** The tenant is suspended and admits no run; nothing was written. */
  record TenantSuspended() implements Admission {}

  /** The tenant's spend reached a budget's hard limit in this period; nothing was written. */
  record OverBudget(BudgetExceeded budget) implements Admission {}
}
