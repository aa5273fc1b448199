package dev.agentruntime.api.trigger;

import dev.agentruntime.api.metrics.TriggerMetrics;
import dev.agentruntime.api.problem.OptionalJsonBody;
import dev.agentruntime.api.problem.Problem;
import dev.agentruntime.api.run.AdmittedRun;
import dev.agentruntime.api.run.IdempotencyKeys;
import dev.agentruntime.api.run.RunResponse;
import dev.agentruntime.api.secret.RotateSecretRequest;
import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Inbound triggers of the caller's tenant, and the one path of the API without a bearer token: a
 * delivery to {@code POST /v1/triggers/{id}} is authenticated by its signature alone.
 */
@Tag(name = "Triggers")
@Path("/v1/triggers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TriggerResource {

  private final TriggerService service;
  private final CurrentTenant tenant;
  private final CurrentActor actor;
  private final TriggerMetrics metrics;
  private final OptionalJsonBody bodies;

  public TriggerResource(
      TriggerService service,
      CurrentTenant tenant,
      CurrentActor actor,
      TriggerMetrics metrics,
      OptionalJsonBody bodies) {
    this.service = service;
    this.tenant = tenant;
    this.actor = actor;
    this.metrics = metrics;
    this.bodies = bodies;
  }

  @POST
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "createTrigger",
      summary = "Create an inbound trigger (its secret is answered this once)",
      description =
          "Deliveries signed by the preset's scheme with the answered `secret` start runs of the"
              + " agent. The secret is stored encrypted and never shown again.")
  @APIResponse(
      responseCode = "201",
      description = "The trigger, with its secret",
      headers = @Header(name = "Location", ref = "Location"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TriggerResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "The agent does not exist")
  @APIResponse(
      responseCode = "409",
      ref = "Conflict",
      description = "The tenant has a trigger of this name")
  public Response create(@Valid @NotNull CreateTriggerRequest body) {
    TriggerResponse created = service.create(tenant.require(), body, actor.subject());
    return Response.created(URI.create("/v1/triggers/" + created.id())).entity(created).build();
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.AGENT_ADMIN})
  @Operation(operationId = "listTriggers", summary = "List the tenant's triggers (no secrets)")
  public List<TriggerResponse> list() {
    return service.list(tenant.require());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.VIEWER, Roles.AGENT_ADMIN})
  @Operation(operationId = "getTrigger", summary = "Read a trigger (never its secret)")
  public TriggerResponse get(@PathParam("id") UUID id) {
    return service.get(tenant.require(), id);
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "updateTrigger",
      summary = "Enable or disable a trigger, or change its input pointer or tolerance")
  public TriggerResponse update(
      @PathParam("id") UUID id, @Valid @NotNull UpdateTriggerRequest body) {
    return service.update(tenant.require(), id, body);
  }

  @POST
  @Path("/{id}/rotate-secret")
  @RolesAllowed(Roles.AGENT_ADMIN)
  // Any media type and a raw body: the body is optional, and a bare `curl -X POST` sends no
  // Content-Type (see OptionalJsonBody).
  @Consumes(MediaType.WILDCARD)
  @Operation(
      operationId = "rotateTriggerSecret",
      summary = "Give a trigger a new secret (answered this once)",
      description =
          "The replaced secret keeps verifying deliveries for `overlapSeconds` (default a day),"
              + " so the sender can be given the new one without a refused delivery;"
              + " `previousSecretValidUntil` says until when. `overlapSeconds: 0` ends it at once.")
  @APIResponse(
      responseCode = "200",
      description = "The trigger, with its new secret",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TriggerResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such trigger")
  public TriggerResponse rotateSecret(
      @PathParam("id") UUID id,
      @Context HttpHeaders headers,
      @RequestBody(
              required = false,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = RotateSecretRequest.class)))
          byte[] body)
      throws IOException {
    return service.rotateSecret(
        tenant.require(), id, bodies.read(headers, body, RotateSecretRequest.class));
  }

  @DELETE
  @Path("/{id}")
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE}) // a 204: see Problem.MEDIA_TYPE
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(operationId = "deleteTrigger", summary = "Delete a trigger")
  @APIResponse(responseCode = "204", description = "The trigger was deleted")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such trigger")
  public void delete(@PathParam("id") UUID id) {
    service.delete(tenant.require(), id);
  }

  @POST
  @Path("/{id}")
  @PermitAll
  @Operation(
      operationId = "deliverToTrigger",
      summary = "Deliver a signed event to a trigger: starts a run (no bearer token)",
      description =
          "Authenticated by the trigger's signature, not a token. Standard Webhooks:"
              + " `webhook-id`, `webhook-timestamp`, `webhook-signature`. GitHub:"
              + " `X-Hub-Signature-256` and `X-GitHub-Delivery`. Slack: `X-Slack-Signature` and"
              + " `X-Slack-Request-Timestamp`. The body must be JSON (`Content-Type: application/json`); the trigger's input pointer"
              + " selects the run's input. A repeated delivery (same delivery id) answers 202 with"
              + " the run the first one started and `Idempotent-Replayed: true`.")
  @APIResponse(
      responseCode = "202",
      description = "The run was accepted (or was accepted before, for a repeated delivery)",
      headers = {
        @Header(name = "Location", ref = "Location"),
        @Header(name = IdempotencyKeys.REPLAYED_HEADER, ref = "IdempotentReplayed")
      },
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunResponse.class)))
  @APIResponse(
      responseCode = "400",
      ref = "BadRequest",
      description = "The body is not JSON, or has nothing at the trigger's input pointer")
  @APIResponse(
      responseCode = "401",
      ref = "SignatureUnauthorized",
      description =
          "A signature, timestamp or delivery id header is missing or malformed, no signature"
              + " matches, or the signed timestamp is outside the tolerance")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such trigger")
  @APIResponse(
      responseCode = "409",
      ref = "Conflict",
      description = "The trigger is disabled (told only to a correctly signed delivery)")
  @APIResponse(
      responseCode = "413",
      ref = "PayloadTooLarge",
      description = "The body is over agent-runtime.triggers.max-body-bytes")
  @APIResponse(
      responseCode = "422",
      ref = "UnprocessableContent",
      description = "The delivery id admitted a run before, with another body")
  @APIResponse(
      responseCode = "429",
      ref = "TooManyRequests",
      description =
          "The tenant is over its admission rate (rate-limited), or spent a budget for the"
              + " period (tenant-budget-exceeded); Retry-After says when to retry")
  public Response deliver(@PathParam("id") UUID id, @Context HttpHeaders headers, byte[] body) {
    AdmittedRun admitted =
        metrics.measure(
            () -> service.deliver(id, headers::getHeaderString, body == null ? new byte[0] : body));
    return admitted.accepted();
  }
}
