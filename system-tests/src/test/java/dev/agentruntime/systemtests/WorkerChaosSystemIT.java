package dev.agentruntime.systemtests;

import org.junit.jupiter.api.Test;

/** Real Temporal server, real MinIO: the worker is killed with SIGKILL again and again. */
class WorkerChaosSystemIT {

  @Test
  void hundredRunsSurviveRepeatedKillNineOfTheWorkerAndNoCompletedStepRunsTwice() throws Exception {
    try (SystemStack system = SystemStack.start("worker-chaos")) {
      // 3 model calls and 2 tool calls per run, 500 activities for 50 worker slots, 4 kills.
      FaultCases.workerKilled(system, 100, 4);
    }
  }
}
