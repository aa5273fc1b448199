package dev.agentruntime.api.run.control;

import dev.agentruntime.api.problem.OptionalJsonBody;
import dev.agentruntime.api.run.RunResponse;
import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import dev.agentruntime.core.workflow.RunControl;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Control actions on a run of the caller's tenant: cancel, pause, resume. */
@Tag(name = "Runs")
@Path("/v1/runs/{runId}")
@Produces(MediaType.APPLICATION_JSON)
// No @Consumes and a raw body: the body is optional, and a bare `curl -X POST` sends no
// Content-Type (see OptionalJsonBody).
public class RunControlResource {

  private final RunControlService service;
  private final CurrentTenant tenant;
  private final CurrentActor actor;
  private final OptionalJsonBody bodies;

  public RunControlResource(
      RunControlService service,
      CurrentTenant tenant,
      CurrentActor actor,
      OptionalJsonBody bodies) {
    this.service = service;
    this.tenant = tenant;
    this.actor = actor;
    this.bodies = bodies;
  }

  @POST
  @Path("/cancel")
  @RolesAllowed({Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "cancelRun",
      summary = "Cancel a run (202; idempotent)",
      description =
          "Records the cancel (status `cancelling`) and signals the run: the step in flight is"
              + " aborted, no later step starts, and the run ends `cancelled`. Repeating it"
              + " answers 202 again; a run that ended otherwise answers 409.")
  @APIResponse(
      responseCode = "202",
      description = "The cancel is recorded (or was before)",
      headers = @Header(name = "Location", ref = "Location"),
      content = @Content(schema = @Schema(implementation = RunResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such run in the tenant")
  @APIResponse(
      responseCode = "409",
      ref = "Conflict",
      description = "The run already ended (succeeded, failed or timed out)")
  public Response cancel(
      @PathParam("runId") UUID runId,
      @Context HttpHeaders headers,
      @RequestBody(
              required = false,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = RunControlRequest.class)))
          byte[] body)
      throws IOException {
    return accepted(service.cancel(tenant.require(), runId, control(headers, body)));
  }

  @POST
  @Path("/pause")
  @RolesAllowed({Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "pauseRun",
      summary = "Pause a run at its next step boundary (202; idempotent)",
      description =
          "The step in flight finishes; the run then holds with status `paused`, and its time"
              + " limit stops counting until it is resumed.")
  @APIResponse(
      responseCode = "202",
      description = "The pause is signalled (or was before)",
      headers = @Header(name = "Location", ref = "Location"),
      content = @Content(schema = @Schema(implementation = RunResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such run in the tenant")
  @APIResponse(
      responseCode = "409",
      ref = "Conflict",
      description = "The run has ended or is being cancelled")
  @APIResponse(
      responseCode = "503",
      ref = "ServiceUnavailable",
      description = "Temporal is unreachable; nothing changed")
  public Response pause(
      @PathParam("runId") UUID runId,
      @Context HttpHeaders headers,
      @RequestBody(
              required = false,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = RunControlRequest.class)))
          byte[] body)
      throws IOException {
    return accepted(service.pause(tenant.require(), runId, control(headers, body)));
  }

  @POST
  @Path("/resume")
  @RolesAllowed({Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "resumeRun",
      summary = "Resume a paused run (202)",
      description =
          "The run goes on where it stopped; a pause not reached yet is withdrawn. A run that"
              + " is not paused or pausing answers 409.")
  @APIResponse(
      responseCode = "202",
      description = "The resume is signalled",
      headers = @Header(name = "Location", ref = "Location"),
      content = @Content(schema = @Schema(implementation = RunResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such run in the tenant")
  @APIResponse(
      responseCode = "409",
      ref = "Conflict",
      description = "The run is not paused, has ended or is being cancelled")
  @APIResponse(
      responseCode = "503",
      ref = "ServiceUnavailable",
      description = "Temporal is unreachable; nothing changed")
  public Response resume(
      @PathParam("runId") UUID runId,
      @Context HttpHeaders headers,
      @RequestBody(
              required = false,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = RunControlRequest.class)))
          byte[] body)
      throws IOException {
    return accepted(service.resume(tenant.require(), runId, control(headers, body)));
  }

  /** 202 with the run and where to follow it. */
  private static Response accepted(RunResponse run) {
    return Response.accepted(run).location(URI.create("/v1/runs/" + run.id())).build();
  }

  private RunControl control(HttpHeaders headers, byte[] raw) throws IOException {
    RunControlRequest body = bodies.read(headers, raw, RunControlRequest.class);
    return new RunControl(actor.subject(), body == null ? null : body.reason());
  }
}
