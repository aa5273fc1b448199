package dev.agentruntime.api.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Declares on every {@code /v1} operation the errors that no resource method decides itself: they
 * come from the HTTP layer, the security layer, the JSON reader and the problem mapper, so they
 * follow from the shape of the operation (has a path parameter or not) and stay true for endpoints
 * added later. Statuses a method decides (409, 422, 429, a 404 from a body field) are annotated on
 * the method. The responses themselves, with their problem+json content, live in {@code
 * META-INF/openapi.yaml} under {@code components/responses}.
 *
 * <p>It also writes the roles of each operation into its description: Quarkus derives them from
 * {@code @RolesAllowed} as the scopes of the bearer requirement, which many readers do not show.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ErrorResponsesFilter implements OASFilter {

  /**
   * Answers any operation can give, whatever it does. 413 and 415 belong here too, not only to
   * operations with a body: {@code RequestLimits} checks the announced length of every request, and
   * {@code @Consumes} is declared per resource, so a GET sent with a non-JSON Content-Type is
   * refused as well.
   */
  static final Map<String, String> EVERY_OPERATION =
      Map.ofEntries(
          Map.entry("400", "BadRequest"),
          Map.entry("401", "Unauthorized"),
          Map.entry("403", "Forbidden"),
          Map.entry("406", "NotAcceptable"),
          Map.entry("413", "PayloadTooLarge"),
          Map.entry("414", "UriTooLong"),
          Map.entry("415", "UnsupportedMediaType"),
          Map.entry("431", "HeadersTooLarge"),
          Map.entry("500", "InternalError"),
          Map.entry("503", "ServiceUnavailable"));

  /**
   * The answer for an id in the path that names nothing in the caller's tenant (not on a PUT, which
   * creates it).
   */
  static final Map<String, String> WITH_PATH_PARAMETER = Map.of("404", "NotFound");

  static final String API_PREFIX = "/v1/";
  static final String SECURITY_SCHEME = "bearer";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    openAPI
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              if (!path.startsWith(API_PREFIX)) {
                return;
              }
              item.getOperations().forEach((method, operation) -> declare(item, method, operation));
            });
  }

  private static void declare(PathItem item, PathItem.HttpMethod method, Operation operation) {
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    attach(responses, EVERY_OPERATION);
    // A PUT creates what its path names, so a name that names nothing yet is not a 404 there.
    if (hasPathParameter(item, operation) && method != PathItem.HttpMethod.PUT) {
      attach(responses, WITH_PATH_PARAMETER);
    }
    describeRoles(operation);
  }

  /**
   * Points each status at its shared response. A response already declared with content or as a
   * reference (from an annotation) is kept; the bare placeholders Quarkus adds for 401 and 403 are
   * replaced, since they carry no body while the API answers problem+json.
   */
  private static void attach(APIResponses responses, Map<String, String> byStatus) {
    byStatus.forEach(
        (status, name) -> {
          APIResponse existing = responses.getAPIResponse(status);
          if (existing != null && (existing.getRef() != null || existing.getContent() != null)) {
            return;
          }
          responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(name));
        });
  }

  private static boolean hasPathParameter(PathItem item, Operation operation) {
    List<Parameter> parameters = new ArrayList<>();
    if (item.getParameters() != null) {
      parameters.addAll(item.getParameters());
    }
    if (operation.getParameters() != null) {
      parameters.addAll(operation.getParameters());
    }
    return parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
  }

  private static void describeRoles(Operation operation) {
    Set<String> roles = new LinkedHashSet<>();
    if (operation.getSecurity() != null) {
      for (SecurityRequirement requirement : operation.getSecurity()) {
        List<String> scopes = requirement.getScheme(SECURITY_SCHEME);
        if (scopes != null) {
          roles.addAll(scopes);
        }
      }
    }
    if (roles.isEmpty()) {
      return;
    }
    String line =
        "Roles (any one): "
            + String.join(", ", roles.stream().map(r -> "`" + r + "`").toList())
            + ".";
    String description = operation.getDescription();
    operation.setDescription(
        description == null || description.isBlank() ? line : description + "\n\n" + line);
  }
}
