package dev.agentruntime.api.tenant;

import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.Roles;
import dev.agentruntime.core.tenant.TenantIds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tenants, managed by platform administrators. */
@Tag(name = "Tenants")
@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class TenantResource {

  private final TenantService service;
  private final CurrentActor actor;

  public TenantResource(TenantService service, CurrentActor actor) {
    this.service = service;
    this.actor = actor;
  }

  @POST
  @Operation(operationId = "createTenant", summary = "Create a tenant")
  @APIResponse(
      responseCode = "201",
      description = "The tenant was created",
      headers = @Header(name = "Location", ref = "Location"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TenantResponse.class)))
  @APIResponse(
      responseCode = "409",
      ref = "AlreadyExists",
      description = "A tenant with this id exists; Location names it")
  public Response create(@Valid @NotNull CreateTenantRequest body) {
    TenantResponse tenant = service.create(body, actor.subject());
    return Response.created(URI.create("/v1/tenants/" + tenant.id())).entity(tenant).build();
  }

  @GET
  @Operation(operationId = "listTenants", summary = "List tenants")
  public List<TenantResponse> list() {
    return service.list();
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getTenant", summary = "Read a tenant")
  @Parameter(
      name = "id",
      in = ParameterIn.PATH,
      schema = @Schema(type = SchemaType.STRING, pattern = TenantIds.REGEX))
  public TenantResponse get(@PathParam("id") String id) {
    return service.get(id);
  }
}
