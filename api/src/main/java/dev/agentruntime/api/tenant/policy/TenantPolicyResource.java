package dev.agentruntime.api.tenant.policy;

import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.Roles;
import dev.agentruntime.core.tenant.TenantIds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A tenant's policy (its concurrency caps, admission rate and budgets), set by platform
 * administrators.
 */
@Tag(name = "Tenants")
@Path("/v1/tenants/{id}/policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class TenantPolicyResource {

  private final TenantPolicyService service;
  private final CurrentActor actor;

  public TenantPolicyResource(TenantPolicyService service, CurrentActor actor) {
    this.service = service;
    this.actor = actor;
  }

  @GET
  @Operation(
      operationId = "getTenantPolicy",
      summary = "Read a tenant's policy (its defaults where none was set)")
  @APIResponse(
      responseCode = "200",
      description = "The tenant's policy",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TenantPolicyResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such tenant")
  public TenantPolicyResponse get(
      @PathParam("id")
          @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = TenantIds.REGEX))
          String id) {
    return service.get(id);
  }

  @PUT
  @Operation(
      operationId = "putTenantPolicy",
      summary = "Set a tenant's policy",
      description =
          "Replaces the whole policy. Runs beyond a cap wait queued and start in admission order"
              + " when a slot frees; a lowered cap stops no run that holds a slot, and a raised"
              + " one starts waiting runs at once. A spent token or cost budget refuses new runs"
              + " (429 tenant-budget-exceeded) and stops running ones before their next model"
              + " call, until its period resets.")
  @APIResponse(
      responseCode = "200",
      description = "The policy as set",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TenantPolicyResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such tenant")
  public TenantPolicyResponse put(
      @PathParam("id")
          @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = TenantIds.REGEX))
          String id,
      @Valid @NotNull TenantPolicyRequest body) {
    return service.put(id, body, actor.subject());
  }
}
