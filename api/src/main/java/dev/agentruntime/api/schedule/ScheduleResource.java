package dev.agentruntime.api.schedule;

import dev.agentruntime.api.problem.Problem;
import dev.agentruntime.api.problem.QueryParameters;
import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's tenant's schedules: create, list, read, change, delete. Actions on one schedule
 * (pause, trigger, backfill, the preview) are {@link ScheduleActionResource}.
 */
@Tag(name = "Schedules")
@Path("/v1/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScheduleResource {

  private final ScheduleService service;
  private final CurrentTenant tenant;
  private final CurrentActor actor;

  public ScheduleResource(ScheduleService service, CurrentTenant tenant, CurrentActor actor) {
    this.service = service;
    this.tenant = tenant;
    this.actor = actor;
  }

  @POST
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "createSchedule",
      summary = "Create a schedule: runs of an agent at a cron or an interval",
      description =
          "Stored first, then created in Temporal; if Temporal is unreachable the schedule stands"
              + " with `applied: false` and is created there by the reconciler.")
  @APIResponse(
      responseCode = "201",
      description = "The schedule, with Temporal's state of it when it was reached",
      headers = @Header(name = "Location", ref = "Location"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ScheduleResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "The agent does not exist")
  @APIResponse(
      responseCode = "409",
      ref = "Conflict",
      description = "The tenant has a schedule of this name")
  public Response create(@Valid @NotNull CreateScheduleRequest body) {
    ScheduleResponse created = service.create(tenant.require(), body, actor.subject());
    return Response.created(URI.create("/v1/schedules/" + created.id())).entity(created).build();
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "listSchedules",
      summary = "List the tenant's schedules by name, a page at a time",
      description =
          "Listed from PostgreSQL alone: each schedule's Temporal `state` is read by"
              + " `GET /v1/schedules/{id}`.")
  @APIResponse(
      responseCode = "200",
      description = "A page of schedules, by name, and the cursor of the next page",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SchedulePageResponse.class)))
  @APIResponse(
      responseCode = "400",
      ref = "BadRequest",
      description = "`limit` is out of range, or `cursor` is not a nextCursor of this listing")
  public SchedulePageResponse list(
      @Parameter(
              description = "The `nextCursor` of the previous page",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      pattern = "^[A-Za-z0-9_-]{1,88}$",
                      minLength = 1,
                      maxLength = ScheduleCursor.MAX_LENGTH))
          @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Schedules per page")
          @QueryParam("limit")
          @DefaultValue("20")
          @Min(1)
          @Max(100)
          int limit,
      @Context UriInfo uri) {
    QueryParameters.refuseEmpty(uri, "cursor", "limit");
    return service.list(tenant.require(), cursor, limit);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.VIEWER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "getSchedule",
      summary = "Read a schedule with Temporal's state: paused, note, next fires, missed fires")
  @APIResponse(
      responseCode = "200",
      description = "The schedule; `state` is absent when Temporal did not answer",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ScheduleResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such schedule")
  public ScheduleResponse get(@PathParam("id") UUID id) {
    return service.get(tenant.require(), id);
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "updateSchedule",
      summary = "Change a schedule's version, input, timing or policies",
      description =
          "What is given replaces what the schedule has (a `timing` whole); the rest stays, and"
              + " so do its pause state and note. Checked as a creation is. Takes effect from the"
              + " next fire.")
  @APIResponse(
      responseCode = "200",
      description = "The schedule as changed",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ScheduleResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such schedule")
  public ScheduleResponse update(
      @PathParam("id") UUID id, @Valid @NotNull UpdateScheduleRequest body) {
    return service.update(tenant.require(), id, body);
  }

  @DELETE
  @Path("/{id}")
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE}) // a 204: see Problem.MEDIA_TYPE
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "deleteSchedule",
      summary = "Delete a schedule (its runs stay, a run going on goes on)")
  @APIResponse(responseCode = "204", description = "The schedule was deleted")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such schedule")
  public void delete(@PathParam("id") UUID id) {
    service.delete(tenant.require(), id);
  }
}
