package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.ToolCallRef;
import java.util.List;

/** Decides, before they run, which tool calls of one model answer may run. Workflow code. */
interface CallGate {

  /** What may happen to one call: run it (with the approved hash, if gated) or refuse it. */
  record Verdict(String approvedArgumentsSha256, String refusal) {

    static final Verdict UNGATED = new Verdict(null, null);

    boolean refused() {
      return refusal != null;
    }
  }

  /** Runs without waiting on anyone: the gate of runs from before approvals (version 4). */
  CallGate OPEN = (step, transcriptKey, calls) -> calls.stream().map(c -> Verdict.UNGATED).toList();

  /** One verdict per call, in order; may wait (durably) until each can be given. */
  List<Verdict> await(int step, String transcriptKey, List<ToolCallRef> calls);
}
