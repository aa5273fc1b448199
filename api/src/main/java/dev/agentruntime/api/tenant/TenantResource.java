package dev.agentruntime.api.tenant;

import dev.agentruntime.api.security.Roles;
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

/** Tenants, managed by platform administrators. */
@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class TenantResource {

  private final TenantService service;

  public TenantResource(TenantService service) {
    this.service = service;
  }

  @POST
  @Operation(summary = "Create a tenant")
  public Response create(@Valid @NotNull CreateTenantRequest body) {
    TenantResponse tenant = service.create(body);
    return Response.created(URI.create("/v1/tenants/" + tenant.id())).entity(tenant).build();
  }

  @GET
  @Operation(summary = "List tenants")
  public List<TenantResponse> list() {
    return service.list();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Read a tenant")
  public TenantResponse get(@PathParam("id") String id) {
    return service.get(id);
  }
}
