package dev.agentruntime.api.schedule;

import dev.agentruntime.api.problem.OptionalJsonBody;
import dev.agentruntime.api.problem.QueryParameters;
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
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Actions on one schedule of the caller's tenant, each on Temporal's own state, so each needs
 * Temporal now (503 otherwise): pause and unpause with a note, trigger now, backfill, and the
 * preview of the next fires. Answered 200 with the schedule: they start no resource of their own to
 * name in a Location (a fire's run is found by {@code GET /v1/runs?origin=schedule}).
 */
@Tag(name = "Schedules")
@Path("/v1/schedules/{id}")
@Produces(MediaType.APPLICATION_JSON)
// No class-level @Consumes: pause, unpause and trigger take an optional body or none, so a bare
// `curl -X POST` reaches them (see OptionalJsonBody).
public class ScheduleActionResource {

  private final ScheduleService service;
  private final CurrentTenant tenant;
  private final OptionalJsonBody bodies;

  public ScheduleActionResource(
      ScheduleService service, CurrentTenant tenant, OptionalJsonBody bodies) {
    this.service = service;
    this.tenant = tenant;
    this.bodies = bodies;
  }

  @POST
  @Path("/pause")
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "pauseSchedule",
      summary = "Pause a schedule: no fire until it is unpaused (a run going on goes on)")
  @APIResponse(
      responseCode = "200",
      description = "The schedule, paused, with its note",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ScheduleResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such schedule")
  public ScheduleResponse pause(
      @PathParam("id") UUID id,
      @Context HttpHeaders headers,
      @RequestBody(
              required = false,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = ScheduleNoteRequest.class)))
          byte[] body)
      throws IOException {
    return service.pause(tenant.require(), id, note(headers, body));
  }

  @POST
  @Path("/unpause")
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "unpauseSchedule",
      summary = "Unpause a schedule: it fires again from its next time on")
  @APIResponse(
      responseCode = "200",
      description = "The schedule, unpaused, with its note",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ScheduleResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such schedule")
  public ScheduleResponse unpause(
      @PathParam("id") UUID id,
      @Context HttpHeaders headers,
      @RequestBody(
              required = false,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = ScheduleNoteRequest.class)))
          byte[] body)
      throws IOException {
    return service.unpause(tenant.require(), id, note(headers, body));
  }

  @POST
  @Path("/trigger")
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "triggerSchedule",
      summary = "Fire a schedule now, under its overlap policy (no body)",
      description =
          "The fire's scheduled time is now. Under `skip` it is dropped while a run of the"
              + " schedule is going, under `buffer-one` it waits for it; a paused schedule fires"
              + " too.")
  @APIResponse(
      responseCode = "200",
      description = "The fire was handed to Temporal",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ScheduleResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such schedule")
  public ScheduleResponse trigger(@PathParam("id") UUID id) {
    service.trigger(tenant.require(), id);
    return service.get(tenant.require(), id);
  }

  @POST
  @Path("/backfill")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "backfillSchedule",
      summary = "Fire every time of a schedule in a past or future range (at most 31 days)",
      description =
          "Each fire's run carries its own scheduled time, and a time that fired before admits"
              + " no second run. The fires run one after another unless the schedule's overlap"
              + " is `allow-all` or `allow-up-to` (then the cap queues those beyond it).")
  @APIResponse(
      responseCode = "200",
      description = "The backfill was handed to Temporal",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ScheduleResponse.class)))
  @APIResponse(
      responseCode = "400",
      ref = "BadRequest",
      description = "The range is empty, inverted or longer than 31 days")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such schedule")
  public ScheduleResponse backfill(
      @PathParam("id") UUID id, @Valid @NotNull BackfillScheduleRequest body) {
    service.backfill(tenant.require(), id, body.startAt(), body.endAt());
    return service.get(tenant.require(), id);
  }

  @GET
  @Path("/next-fires")
  @RolesAllowed({Roles.VIEWER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "previewScheduleFires",
      summary = "Preview a schedule's next fire times, as Temporal computes them")
  @APIResponse(
      responseCode = "200",
      description = "The next fire times, soonest first",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ScheduleFiresResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such schedule")
  public ScheduleFiresResponse nextFires(
      @PathParam("id") UUID id,
      @Parameter(description = "How many fire times (Temporal computes at most 10)")
          @QueryParam("count")
          @DefaultValue("5")
          @Min(1)
          @Max(10)
          int count,
      @Context UriInfo uri) {
    QueryParameters.refuseEmpty(uri, "count");
    return new ScheduleFiresResponse(service.nextFires(tenant.require(), id, count));
  }

  private String note(HttpHeaders headers, byte[] raw) throws IOException {
    ScheduleNoteRequest body = bodies.read(headers, raw, ScheduleNoteRequest.class);
    return body == null ? null : body.note();
  }
}
