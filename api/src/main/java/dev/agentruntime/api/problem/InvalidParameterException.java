package dev.agentruntime.api.problem;

import jakarta.ws.rs.BadRequestException;

/**
 * A path, query or header parameter that does not parse. Quarkus REST answers 404 for a path or
 * query parameter it cannot convert (as JAX-RS prescribes); a parameter that does not parse is a
 * client mistake in the request, not a missing resource, so it is a 400 naming the parameter. It is
 * a {@link jakarta.ws.rs.WebApplicationException} so Quarkus REST passes it on unwrapped.
 */
public class InvalidParameterException extends BadRequestException {

  private final String parameter;
  private final String expected;

  public InvalidParameterException(String parameter, String expected) {
    super("Parameter '" + parameter + "' must be " + expected);
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
