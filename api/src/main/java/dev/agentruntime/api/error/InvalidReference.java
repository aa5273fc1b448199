package dev.agentruntime.api.error;

import dev.agentruntime.api.problem.Violation;
import java.util.List;

/**
 * A well-formed request that names something the tenant does not have (an agent version an alias
 * should point at, for example): the request cannot be processed, each such field is named.
 */
public final class InvalidReference extends DomainException {

  private final List<Violation> violations;

  public InvalidReference(String detail, List<Violation> violations) {
    super(detail, null);
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
