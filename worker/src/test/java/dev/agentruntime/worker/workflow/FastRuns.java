package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.RunPlan;
import dev.agentruntime.core.activity.ToolPolicy;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.spec.RetrySpec;
import dev.agentruntime.core.spec.RuntimeKind;
import dev.agentruntime.core.workflow.RunControl;
import java.util.List;

/** Plans and names shared by the fast workflow tests. */
final class FastRuns {

  /** The built-in tool that stays a local activity. */
  static final String LOCAL_TOOL = "write_artifact";

  /** A tool that reaches the network: a scheduled activity from version 5. */
  static final String NETWORK_TOOL = "fetch";

  /**
   * A tool whose calls wait for approval (from version 4), for at most {@link #APPROVAL_SECONDS}.
   */
  static final String GATED_TOOL = "publish";

  static final int APPROVAL_SECONDS = 3600;

  static final RunControl ALICE = new RunControl("alice", "wrong input");
  static final RunControl BOB = new RunControl("bob", null);

  /** One attempt per step: a failing fake fails the step at once. */
  static final RetrySpec ONE_ATTEMPT = new RetrySpec(1, 100L, 1.0, 100L, 30);

  private FastRuns() {}

  static RunPlan plan(LimitsSpec limits) {
    return plan(limits, RuntimeKind.BUILTIN);
  }

  static RunPlan plan(LimitsSpec limits, RuntimeKind runtime) {
    return new RunPlan(
        "transcript-0",
        limits,
        ONE_ATTEMPT,
        List.of(
            new ToolPolicy(NETWORK_TOOL, false, 0, true),
            new ToolPolicy(GATED_TOOL, true, APPROVAL_SECONDS, false)),
        runtime,
        "sha-0");
  }

  /** Ten steps, a million tokens, a minute. */
  static RunPlan roomy() {
    return plan(new LimitsSpec(10, 1_000_000, 60));
  }
}
