package dev.agentruntime.api.agent;

import dev.agentruntime.api.security.CurrentTenant;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Agents of the caller's tenant and their versions. */
@Path("/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentResource {

  private final AgentService service;
  private final CurrentTenant tenant;

  public AgentResource(AgentService service, CurrentTenant tenant) {
    this.service = service;
    this.tenant = tenant;
  }

  @POST
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(summary = "Create an agent")
  public Response create(@Valid @NotNull CreateAgentRequest body) {
    AgentResponse agent = service.create(tenant.require(), body);
    return Response.created(URI.create("/v1/agents/" + agent.id())).entity(agent).build();
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(summary = "List agents")
  public List<AgentResponse> list() {
    return service.list(tenant.require());
  }

  @GET
  @Path("/{agentId}")
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(summary = "Read an agent")
  public AgentResponse get(@PathParam("agentId") UUID agentId) {
    return service.get(tenant.require(), agentId);
  }

  @POST
  @Path("/{agentId}/versions")
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(summary = "Publish a version (idempotent: an unchanged spec returns the latest)")
  public Response publish(
      @PathParam("agentId") UUID agentId, @Valid @NotNull PublishVersionRequest body) {
    PublishedVersion published = service.publish(tenant.require(), agentId, body);
    AgentVersionResponse version = published.version();
    if (!published.created()) {
      return Response.ok(version).build();
    }
    return Response.created(URI.create("/v1/agents/" + agentId + "/versions/" + version.version()))
        .entity(version)
        .build();
  }

  @GET
  @Path("/{agentId}/versions")
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(summary = "List an agent's versions")
  public List<AgentVersionResponse> listVersions(@PathParam("agentId") UUID agentId) {
    return service.listVersions(tenant.require(), agentId);
  }

  @GET
  @Path("/{agentId}/versions/{version}")
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(summary = "Read one version of an agent")
  public AgentVersionResponse getVersion(
      @PathParam("agentId") UUID agentId, @PathParam("version") int version) {
    return service.getVersion(tenant.require(), agentId, version);
  }
}
