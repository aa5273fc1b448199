package dev.agentruntime.api.run;

import dev.agentruntime.api.metrics.AdmissionMetrics;
import dev.agentruntime.api.problem.QueryParameters;
import dev.agentruntime.api.run.stream.RunEndWaits;
import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterStyle;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs of the caller's tenant. */
@Tag(name = "Runs")
@Path("/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RunResource {

  /** The longest long poll: gateway/kong.yml's read timeout (60 s) leaves room for the answer. */
  static final int MAX_WAIT_SECONDS = 50;

  private final RunAdmissionService admission;
  private final RunQueryService queries;
  private final RunEndWaits waits;
  private final CurrentTenant tenant;
  private final CurrentActor actor;
  private final AdmissionMetrics metrics;

  public RunResource(
      RunAdmissionService admission,
      RunQueryService queries,
      RunEndWaits waits,
      CurrentTenant tenant,
      CurrentActor actor,
      AdmissionMetrics metrics) {
    this.admission = admission;
    this.queries = queries;
    this.waits = waits;
    this.tenant = tenant;
    this.actor = actor;
    this.metrics = metrics;
  }

  @POST
  @RolesAllowed(Roles.RUNNER)
  @Operation(
      operationId = "startRun",
      summary = "Start a run (202; idempotent with an Idempotency-Key header)",
      description =
          "Accepts a run of the named agent's version (the latest unless `version` names one)."
              + " With an Idempotency-Key, a repeat of the same request answers 202 with the run"
              + " the first one created; the same key with another body is refused with 422.")
  @Parameter(
      name = "Idempotency-Key",
      in = ParameterIn.HEADER,
      description = "1 to 200 visible ASCII characters; makes the request idempotent",
      schema =
          @Schema(
              type = SchemaType.STRING,
              pattern = "^[\\x21-\\x7E]{1,200}$",
              minLength = 1,
              maxLength = 200))
  @APIResponse(
      responseCode = "202",
      description = "The run was accepted (or was accepted before, for a repeated key)",
      headers = {
        @Header(name = "Location", ref = "Location"),
        @Header(name = IdempotencyKeys.REPLAYED_HEADER, ref = "IdempotentReplayed")
      },
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunResponse.class)))
  @APIResponse(
      responseCode = "404",
      ref = "NotFound",
      description = "The named agent, or its version, does not exist in the tenant")
  @APIResponse(
      responseCode = "422",
      ref = "UnprocessableContent",
      description = "The Idempotency-Key was used before with another body")
  @APIResponse(
      responseCode = "429",
      ref = "TooManyRequests",
      description =
          "The tenant is over its admission rate (rate-limited), or spent a budget for the"
              + " period (tenant-budget-exceeded); Retry-After says when to retry")
  public Response create(@Context HttpHeaders headers, @Valid @NotNull CreateRunRequest body) {
    // The raw values: an empty header must be refused, not mistaken for an absent one.
    String idempotencyKey = IdempotencyKeys.check(headers.getRequestHeader(IdempotencyKeys.HEADER));
    String tenantId = tenant.require();
    String startedBy = actor.subject();
    AdmittedRun admitted =
        metrics.measure(tenantId, () -> admission.admit(tenantId, idempotencyKey, body, startedBy));
    return admitted.accepted();
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "listRuns",
      summary = "List runs, newest first, a page at a time",
      description =
          "Runs of the caller's tenant ordered by (createdAt, id), newest first, filtered by every"
              + " parameter given. `nextCursor` continues the listing: pass it as `cursor` with the"
              + " same filters. Paging is by position, not offset: a run that existed when the"
              + " first page was read is answered exactly once, whatever is inserted meanwhile. A"
              + " cursor that does not decode, or was made with other filters or by another"
              + " tenant, is refused with 400 naming `cursor`.")
  @APIResponse(
      responseCode = "200",
      description = "A page of runs, newest first, and the cursor of the next page",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunPageResponse.class)))
  @APIResponse(
      responseCode = "400",
      ref = "BadRequest",
      description =
          "A parameter does not parse or is out of range, or `cursor` is not the nextCursor of"
              + " this listing with these filters (`violations` names the parameter)")
  public RunPageResponse list(
      @Parameter(
              description =
                  "Only runs in one of these statuses; repeat the parameter for several"
                      + " (`status=running&status=queued`)",
              style = ParameterStyle.FORM,
              explode = Explode.TRUE)
          @QueryParam("status")
          List<String> status,
      @Parameter(description = "Only runs of this agent") @QueryParam("agentId") UUID agentId,
      @Parameter(
              description =
                  "Only runs of the agent with this name (a name the tenant does not have answers"
                      + " an empty page)")
          @QueryParam("agentName")
          @Size(min = 1, max = 63)
          String agentName,
      @Parameter(
              description = "Only runs from this origin",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"api", "schedule", "trigger", "parent", "fork"}))
          @QueryParam("origin")
          String origin,
      @Parameter(description = "Only the children of this run (runs its sub-agent calls started)")
          @QueryParam("parentRunId")
          UUID parentRunId,
      @Parameter(description = "Only the runs below this root, at any depth (not the root itself)")
          @QueryParam("rootRunId")
          UUID rootRunId,
      @Parameter(
              description = "Only the runs forked or replayed from this run (its direct lineage)")
          @QueryParam("sourceRunId")
          UUID sourceRunId,
      @Parameter(description = "Only runs created at or after this instant (inclusive, RFC 3339)")
          @QueryParam("createdAfter")
          Instant createdAfter,
      @Parameter(description = "Only runs created before this instant (exclusive, RFC 3339)")
          @QueryParam("createdBefore")
          Instant createdBefore,
      @Parameter(
              description = "The `nextCursor` of the previous page, with the same filters",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      pattern = "^[A-Za-z0-9_-]{1,256}$",
                      minLength = 1,
                      maxLength = RunCursor.MAX_LENGTH))
          @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Runs per page")
          @QueryParam("limit")
          @DefaultValue("20")
          @Min(1)
          @Max(100)
          int limit,
      @Context UriInfo uri) {
    QueryParameters.refuseEmpty(
        uri,
        "status",
        "agentId",
        "agentName",
        "origin",
        "parentRunId",
        "rootRunId",
        "sourceRunId",
        "createdAfter",
        "createdBefore",
        "cursor",
        "limit");
    RunListQuery query =
        RunListQuery.of(
            status,
            agentId,
            agentName,
            origin,
            createdAfter,
            createdBefore,
            parentRunId,
            rootRunId,
            sourceRunId);
    return queries.list(tenant.require(), query, cursor, limit);
  }

  @GET
  @Path("/{runId}")
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "getRun",
      summary = "Read a run; with waitSeconds, wait for its end first",
      description =
          "With `waitSeconds`, the answer comes as soon as the run has ended (succeeded, failed,"
              + " cancelled or timed out) or when the wait is over, whichever is first; either way"
              + " it is the run as it is then, so a client reads `status` to know which. A run"
              + " waiting for an approval has not ended.")
  // A virtual thread: a long poll blocks it, not a platform worker thread another request needs.
  @RunOnVirtualThread
  public RunResponse get(
      @PathParam("runId") UUID runId,
      @Parameter(
              description =
                  "Wait up to this many seconds for the run to end before answering (0, the"
                      + " default, answers at once). At most "
                      + MAX_WAIT_SECONDS
                      + ", under the gateway's read timeout")
          @QueryParam("waitSeconds")
          @Min(0)
          @Max(MAX_WAIT_SECONDS)
          Integer waitSeconds,
      @Context UriInfo uri) {
    QueryParameters.refuseEmpty(uri, "waitSeconds");
    String tenantId = tenant.require();
    if (waitSeconds != null && waitSeconds > 0) {
      waits.awaitEnd(tenantId, runId, Duration.ofSeconds(waitSeconds));
    }
    return queries.get(tenantId, runId);
  }

  @GET
  @Path("/{runId}/artifacts")
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(operationId = "listArtifacts", summary = "Objects a run stored")
  public List<ArtifactResponse> artifacts(@PathParam("runId") UUID runId) {
    return queries.artifacts(tenant.require(), runId);
  }
}
