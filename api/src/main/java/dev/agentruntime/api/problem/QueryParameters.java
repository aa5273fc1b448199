package dev.agentruntime.api.problem;

import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Quarkus REST hands an empty query parameter ({@code ?agentId=}) to a method as if it were absent.
 * For a filter or a cursor that would silently widen the answer, so an empty value is refused like
 * any other value that does not parse.
 */
public final class QueryParameters {

  private QueryParameters() {}

  /** A 400 naming the first of {@code names} given with an empty value. */
  public static void refuseEmpty(UriInfo uri, String... names) {
    var parameters = uri.getQueryParameters();
    for (String name : names) {
      List<String> values = parameters.get(name);
      if (values != null && values.stream().anyMatch(String::isEmpty)) {
        throw new InvalidParameterException(name, "a value, not empty");
      }
    }
  }
}
