package dev.agentruntime.api.schedule;

import dev.agentruntime.api.problem.QueryParameters;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The timeline of one of the caller's tenant's schedules. */
@Tag(name = "Schedules")
@Path("/v1/schedules/{id}/events")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleEventResource {

  private final ScheduleEvents events;
  private final CurrentTenant tenant;

  public ScheduleEventResource(ScheduleEvents events, CurrentTenant tenant) {
    this.events = events;
    this.tenant = tenant;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "listScheduleEvents",
      summary = "List a schedule's events, oldest first, a page at a time",
      description =
          "What happened to the schedule itself: `schedule.fires_missed` when Temporal found fires"
              + " later than the catchup window and did not start them (noticed within"
              + " agent-runtime.schedules.missed-fires.interval, one event per growth of the"
              + " count).")
  @APIResponse(
      responseCode = "200",
      description = "A page of events and the cursor of the next page",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ScheduleEventPageResponse.class)))
  @APIResponse(
      responseCode = "400",
      ref = "BadRequest",
      description = "`limit` is out of range, or `cursor` is not a nextCursor of this listing")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such schedule")
  public ScheduleEventPageResponse list(
      @PathParam("id") UUID id,
      @Parameter(
              description = "The `nextCursor` of the previous page",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      pattern = ScheduleEvents.CURSOR_PATTERN,
                      minLength = 1,
                      maxLength = 9))
          @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Events per page")
          @QueryParam("limit")
          @DefaultValue("50")
          @Min(1)
          @Max(200)
          int limit,
      @Context UriInfo uri) {
    QueryParameters.refuseEmpty(uri, "cursor", "limit");
    return events.list(tenant.require(), id, cursor, limit);
  }
}
