package dev.agentruntime.client;

import dev.agentruntime.client.model.RunResponse;
import java.util.Set;

/** What a run's status means for a caller waiting on it. */
public final class RunStatuses {

  /** The statuses a run never leaves: its timeline ends with the matching terminal event. */
  public static final Set<RunResponse.StatusEnum> TERMINAL =
      Set.of(
          RunResponse.StatusEnum.SUCCEEDED,
          RunResponse.StatusEnum.FAILED,
          RunResponse.StatusEnum.CANCELLED,
          RunResponse.StatusEnum.TIMED_OUT);

  private RunStatuses() {}

  public static boolean isTerminal(RunResponse run) {
    return TERMINAL.contains(run.getStatus());
  }
}
