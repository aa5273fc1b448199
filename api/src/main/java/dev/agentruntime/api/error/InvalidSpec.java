package dev.agentruntime.api.error;

import dev.agentruntime.api.problem.Violation;
import java.util.List;

/** An agent spec that does not parse or does not validate; the violations name each field. */
public final class InvalidSpec extends DomainException {

  private final List<Violation> violations;

  public InvalidSpec(List<Violation> violations) {
    super("The agent spec is invalid", null);
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
