package dev.agentruntime.api.error;

/**
 * A parameter of a listing or lookup (a cursor, a status filter) that does not parse or does not
 * belong to this request. Parameter converters raise the JAX-RS {@code InvalidParameterException}
 * instead, since the framework passes only those on unwrapped; both answer the same.
 */
public final class InvalidParameter extends DomainException {

  private final String parameter;
  private final String expected;

  /**
   * @param expected what the parameter must be, completing "must be ...", for example {@code one of
   *     queued, running}
   */
  public InvalidParameter(String parameter, String expected) {
    super("Parameter '" + parameter + "' must be " + expected, null);
    this.parameter = parameter;
    this.expected = expected;
  }

  public String parameter() {
    return parameter;
  }

  public String expected() {
    return expected;
  }
}
