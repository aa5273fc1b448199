package dev.agentruntime.api.usage;

import dev.agentruntime.api.problem.QueryParameters;
import dev.agentruntime.api.security.Roles;
import dev.agentruntime.core.tenant.TenantIds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Model usage and its cost (docs/api.md#usage). */
@Tag(name = "Usage")
@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsageResource {

  private final UsageService service;

  public UsageResource(UsageService service) {
    this.service = service;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN, Roles.PLATFORM_ADMIN})
  @Operation(
      operationId = "getUsage",
      summary = "Model calls, tokens and cost over a time range, by agent, model or day",
      description =
          "Sums the model calls recorded in `[from, to)` (at most 366 days): each accepted call"
              + " once, recorded in the same commit as its step, so a retried step never counts"
              + " twice. Cost comes from the operator's price table; a model it does not price"
              + " makes the cost of every total that includes it null. The caller's tenant; a"
              + " platform-admin names the tenant with `tenant`.")
  @APIResponse(
      responseCode = "200",
      description = "The totals and the groups, ordered by key",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UsageResponse.class)))
  @APIResponse(
      responseCode = "400",
      ref = "BadRequest",
      description =
          "A parameter is missing, does not parse, or the range is empty or longer than 366 days"
              + " (`violations` names the parameter); a platform-admin whose token names no"
              + " tenant gave no `tenant`")
  @APIResponse(
      responseCode = "403",
      ref = "Forbidden",
      description = "The caller is not a platform-admin and named another tenant")
  @APIResponse(
      responseCode = "404",
      ref = "NotFound",
      description = "A platform-admin named a tenant that does not exist")
  public UsageResponse get(
      @Parameter(required = true, description = "The range's start, inclusive (RFC 3339)")
          @QueryParam("from")
          Instant from,
      @Parameter(required = true, description = "The range's end, exclusive (RFC 3339)")
          @QueryParam("to")
          Instant to,
      @Parameter(
              description = "What the groups are (default `model`); days are UTC days",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"agent", "model", "day"}))
          @QueryParam("groupBy")
          String groupBy,
      @Parameter(
              description =
                  "The tenant (platform-admin); anyone else may name only their own tenant",
              schema = @Schema(type = SchemaType.STRING, pattern = TenantIds.REGEX))
          @QueryParam("tenant")
          String tenant,
      @Context UriInfo uri) {
    QueryParameters.refuseEmpty(uri, "from", "to", "groupBy", "tenant");
    return service.usage(tenant, UsageRange.of(from, to), UsageGrouping.of(groupBy));
  }
}
