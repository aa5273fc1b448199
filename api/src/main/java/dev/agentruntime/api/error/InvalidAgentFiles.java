package dev.agentruntime.api.error;

import dev.agentruntime.api.problem.Violation;
import java.util.List;

/**
 * Agent files ({@code POST /v1/apply}) that cannot be applied: each violation names the file and
 * the field ({@code files["agents/triage.json"].spec.tools[0].kind}). Nothing was applied.
 */
public final class InvalidAgentFiles extends DomainException {

  private final List<Violation> violations;

  public InvalidAgentFiles(List<Violation> violations) {
    super(
        "The agent files cannot be applied ("
            + violations.size()
            + (violations.size() == 1 ? " violation" : " violations")
            + "); nothing was applied",
        null);
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
