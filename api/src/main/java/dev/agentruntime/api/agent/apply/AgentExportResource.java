package dev.agentruntime.api.agent.apply;

import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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

/** An agent exported as agent files, which {@code POST /v1/apply} takes back as they are. */
@Tag(name = "Agents")
@Path("/v1/agents/{agentId}/export")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentExportResource {

  private final AgentExportService export;
  private final CurrentTenant tenant;

  public AgentExportResource(AgentExportService export, CurrentTenant tenant) {
    this.export = export;
    this.tenant = tenant;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "exportAgent",
      summary = "An agent, its versions and aliases as agent files (a POST /v1/apply body)")
  @APIResponse(
      responseCode = "200",
      description = "One file per version; the latest holds the aliases",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AgentExportResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such agent")
  public AgentExportResponse export(@PathParam("agentId") UUID agentId) {
    return export.export(tenant.require(), agentId);
  }
}
