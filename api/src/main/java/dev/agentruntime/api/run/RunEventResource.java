package dev.agentruntime.api.run;

import dev.agentruntime.api.run.stream.ResumePoint;
import dev.agentruntime.api.run.stream.RunEventStreams;
import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A run's timeline: a JSON page, or live as Server-Sent Events (one operation, two media types). A
 * class of its own, beside {@link RunResource}, to keep each resource small.
 */
@Tag(name = "Runs")
@Path("/v1/runs/{runId}/events")
@Produces(MediaType.APPLICATION_JSON)
public class RunEventResource {

  private final RunQueryService queries;
  private final RunEventStreams streams;
  private final CurrentTenant tenant;
  private final CurrentActor actor;

  public RunEventResource(
      RunQueryService queries, RunEventStreams streams, CurrentTenant tenant, CurrentActor actor) {
    this.queries = queries;
    this.streams = streams;
    this.tenant = tenant;
    this.actor = actor;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "listRunEvents",
      summary = "A run's timeline, ordered by sequence number; live as text/event-stream",
      description =
          "With `Accept: application/json` (or no Accept): up to 1,000 events after `afterSeq`."
              + " With `Accept: text/event-stream`: Server-Sent Events, one per event (`id:` its"
              + " seq, `event:` its type, `data:` the same JSON object as a page item), from the"
              + " resume point on as they are appended, a `: keep-alive` comment while idle, and"
              + " the end of the stream after the terminal event (run.succeeded, run.failed,"
              + " run.timed_out, run.cancelled). The stream resumes after `Last-Event-ID` when"
              + " sent, else after `afterSeq`. The server also ends a stream, after a comment"
              + " saying why, once it has been open for the operator's maximum lifetime"
              + " (agent-runtime.streams.max-lifetime, 1 h by default) or when the token expires,"
              + " whichever comes first: reconnect with `Last-Event-ID` (and a fresh token). A"
              + " tenant may hold agent-runtime.streams.max-per-tenant streams open at once (20 by"
              + " default); one more is refused with 429 before the stream starts.")
  @Parameter(
      name = ResumePoint.LAST_EVENT_ID,
      in = ParameterIn.HEADER,
      description =
          "text/event-stream only: the seq of the last event received (a non-negative 32-bit"
              + " decimal integer, else 400); the stream resumes after it, and it wins over"
              + " afterSeq. A JSON page ignores it.",
      schema = @Schema(type = SchemaType.STRING))
  @APIResponse(
      responseCode = "200",
      description = "The events after the resume point: a JSON page, or a live event stream",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = RunEventResponse.class)),
        @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS,
            schema =
                @Schema(
                    type = SchemaType.STRING,
                    description =
                        "Server-Sent Events: `id: <seq>`, `event: <type>`, `data: <RunEventResponse"
                            + " JSON>` per event; `: keep-alive` comment lines"))
      })
  @APIResponse(
      responseCode = "429",
      ref = "TooManyRequests",
      description =
          "text/event-stream only: the tenant has as many streams open as it may; Retry-After"
              + " says when to try again")
  public List<RunEventResponse> events(
      @PathParam("runId") UUID runId,
      @QueryParam("afterSeq") @DefaultValue("0") @Min(0) int afterSeq) {
    return queries.events(tenant.require(), runId, afterSeq);
  }

  /**
   * The same timeline, live, for {@code Accept: text/event-stream}. Documented on {@link #events}
   * (one operation, two media types), hence hidden here. Blocking: the run is looked up, and a 404
   * answered, before the stream starts; the stream itself never holds a request thread.
   */
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Blocking
  @Operation(hidden = true)
  public Multi<OutboundSseEvent> streamEvents(
      @PathParam("runId") UUID runId,
      @QueryParam("afterSeq") @DefaultValue("0") @Min(0) int afterSeq,
      @Context HttpHeaders headers) {
    int resumeAfter =
        ResumePoint.afterSeq(headers.getRequestHeader(ResumePoint.LAST_EVENT_ID), afterSeq);
    return streams.open(tenant.require(), runId, resumeAfter, actor.tokenExpiry());
  }
}
