package dev.agentruntime.api.error;

import dev.agentruntime.api.problem.Violation;
import java.util.List;

/** A request whose fields do not fit together or break a rule, each named in a violation. */
public final class InvalidRequest extends DomainException {

  private final List<Violation> violations;

  public InvalidRequest(String detail, List<Violation> violations) {
    super(detail, null);
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
