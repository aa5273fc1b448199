package dev.agentruntime.api.run;

import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Runs of the caller's tenant. */
@Path("/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RunResource {

  private final RunService service;
  private final CurrentTenant tenant;

  public RunResource(RunService service, CurrentTenant tenant) {
    this.service = service;
    this.tenant = tenant;
  }

  @POST
  @RolesAllowed(Roles.RUNNER)
  @Operation(summary = "Start a run (202; idempotent with an Idempotency-Key header)")
  public Response create(@Context HttpHeaders headers, @Valid @NotNull CreateRunRequest body) {
    // The raw values: an empty header must be refused, not mistaken for an absent one.
    String idempotencyKey = IdempotencyKeys.check(headers.getRequestHeader(IdempotencyKeys.HEADER));
    RunResponse run = service.admit(tenant.require(), idempotencyKey, body).run();
    return Response.accepted(run).location(URI.create("/v1/runs/" + run.id())).build();
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(summary = "List runs, newest first")
  public List<RunResponse> list(
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
    return service.list(tenant.require(), limit);
  }

  @GET
  @Path("/{runId}")
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(summary = "Read a run")
  public RunResponse get(@PathParam("runId") UUID runId) {
    return service.get(tenant.require(), runId);
  }

  @GET
  @Path("/{runId}/events")
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(summary = "A run's timeline, ordered by sequence number")
  public List<RunEventResponse> events(
      @PathParam("runId") UUID runId,
      @QueryParam("afterSeq") @DefaultValue("0") @Min(0) int afterSeq) {
    return service.events(tenant.require(), runId, afterSeq);
  }

  @GET
  @Path("/{runId}/artifacts")
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(summary = "Objects a run stored")
  public List<ArtifactResponse> artifacts(@PathParam("runId") UUID runId) {
    return service.artifacts(tenant.require(), runId);
  }
}
