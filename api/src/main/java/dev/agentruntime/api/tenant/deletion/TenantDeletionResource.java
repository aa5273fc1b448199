package dev.agentruntime.api.tenant.deletion;

import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Receipts of tenant deletions, read by platform administrators, kept after the tenant is gone. */
@Tag(name = "Tenants")
@Path("/v1/tenant-deletions/{id}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class TenantDeletionResource {

  private final TenantDeletions deletions;

  public TenantDeletionResource(TenantDeletions deletions) {
    this.deletions = deletions;
  }

  @GET
  @Operation(operationId = "getTenantDeletion", summary = "Read a tenant deletion's receipt")
  @APIResponse(
      responseCode = "200",
      description = "The receipt",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TenantDeletionResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such deletion")
  public TenantDeletionResponse get(@PathParam("id") UUID id) {
    return deletions.get(id);
  }
}
