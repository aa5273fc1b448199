package dev.agentruntime.api.run.approval;

import dev.agentruntime.api.problem.QueryParameters;
import dev.agentruntime.api.run.RunCursor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The approvals of every run of the caller's tenant: an inbox across runs. A resource of its own
 * rather than a method of {@link ApprovalResource}, whose path names one run.
 */
@Tag(name = "Approvals")
@Path("/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantApprovalResource {

  private final ApprovalService service;
  private final CurrentTenant tenant;

  public TenantApprovalResource(ApprovalService service, CurrentTenant tenant) {
    this.service = service;
    this.tenant = tenant;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN, Roles.APPROVER})
  @Operation(
      operationId = "listTenantApprovals",
      summary = "List the approvals of the tenant's runs, newest first, a page at a time",
      description =
          "Approvals of every run of the caller's tenant (pending and decided), ordered by"
              + " (requestedAt, id), newest first, filtered by every parameter given."
              + " `nextCursor` continues the listing: pass it as `cursor` with the same filters."
              + " Paging is by position, not offset: an approval that existed when the first page"
              + " was read is answered at most once. A cursor that does not decode, or was made"
              + " with other filters or by another tenant, is refused with 400 naming `cursor`.")
  @APIResponse(
      responseCode = "200",
      description = "A page of approvals, newest first, and the cursor of the next page",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ApprovalPageResponse.class)))
  @APIResponse(
      responseCode = "400",
      ref = "BadRequest",
      description =
          "A parameter does not parse or is out of range, or `cursor` is not the nextCursor of"
              + " this listing with these filters (`violations` names the parameter)")
  @APIResponse(
      responseCode = "403",
      ref = "Forbidden",
      description =
          "The token has none of viewer, runner, agent-admin and approver, or names no existing"
              + " tenant")
  @APIResponse(
      responseCode = "503",
      ref = "ServiceUnavailable",
      description = "The database is unreachable")
  public ApprovalPageResponse list(
      @Parameter(
              description = "Only approvals in this status",
              schema = @Schema(type = SchemaType.STRING))
          @QueryParam("status")
          String status,
      @Parameter(
              description =
                  "Only approvals of runs of this agent (an agent of another tenant, or none,"
                      + " answers an empty page)")
          @QueryParam("agentId")
          UUID agentId,
      @Parameter(
              description = "The `nextCursor` of the previous page, with the same filters",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      pattern = "^[A-Za-z0-9_-]{1,256}$",
                      minLength = 1,
                      maxLength = RunCursor.MAX_LENGTH))
          @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Approvals per page")
          @QueryParam("limit")
          @DefaultValue("50")
          @Min(1)
          @Max(200)
          int limit,
      @Context UriInfo uri) {
    QueryParameters.refuseEmpty(uri, "status", "agentId", "cursor", "limit");
    return service.page(tenant.require(), ApprovalListQuery.of(status, agentId), cursor, limit);
  }
}
