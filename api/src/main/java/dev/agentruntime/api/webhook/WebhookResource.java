package dev.agentruntime.api.webhook;

import dev.agentruntime.api.problem.OptionalJsonBody;
import dev.agentruntime.api.problem.Problem;
import dev.agentruntime.api.secret.RotateSecretRequest;
import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
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

/** Outbound webhooks of the caller's tenant: agent-admin writes, viewer reads. */
@Tag(name = "Webhooks")
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
// @Consumes per method: rotate-secret's body is optional, and a bare `curl -X POST` sends no
// Content-Type (see OptionalJsonBody).
public class WebhookResource {

  private final WebhookService service;
  private final CurrentTenant tenant;
  private final CurrentActor actor;
  private final OptionalJsonBody bodies;

  public WebhookResource(
      WebhookService service, CurrentTenant tenant, CurrentActor actor, OptionalJsonBody bodies) {
    this.service = service;
    this.tenant = tenant;
    this.actor = actor;
    this.bodies = bodies;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "createWebhook",
      summary = "Create an outbound webhook (its secret is answered this once)",
      description =
          "Events of the chosen types, of every run and every schedule of the tenant, are sent to"
              + " the URL signed by the Standard Webhooks scheme with the answered `secret`, which is stored"
              + " encrypted and never shown again.")
  @APIResponse(
      responseCode = "201",
      description = "The webhook, with its secret",
      headers = @Header(name = "Location", ref = "Location"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = WebhookResponse.class)))
  @APIResponse(
      responseCode = "409",
      ref = "Conflict",
      description = "The tenant has a webhook of this name")
  public Response create(@Valid @NotNull CreateWebhookRequest body) {
    WebhookResponse created = service.create(tenant.require(), body, actor.subject());
    return Response.created(URI.create("/v1/webhooks/" + created.id())).entity(created).build();
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.AGENT_ADMIN})
  @Operation(operationId = "listWebhooks", summary = "List the tenant's webhooks (no secrets)")
  public List<WebhookResponse> list() {
    return service.list(tenant.require());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.VIEWER, Roles.AGENT_ADMIN})
  @Operation(operationId = "getWebhook", summary = "Read a webhook (never its secret)")
  public WebhookResponse get(@PathParam("id") UUID id) {
    return service.get(tenant.require(), id);
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "updateWebhook",
      summary = "Change a webhook's URL or event types, or enable or disable it",
      description = "Enabling a webhook the sender disabled (410 Gone) clears `disabledReason`.")
  public WebhookResponse update(
      @PathParam("id") UUID id, @Valid @NotNull UpdateWebhookRequest body) {
    return service.update(tenant.require(), id, body);
  }

  @DELETE
  @Path("/{id}")
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE}) // a 204: see Problem.MEDIA_TYPE
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(operationId = "deleteWebhook", summary = "Delete a webhook and its delivery log")
  @APIResponse(responseCode = "204", description = "The webhook was deleted")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such webhook")
  public void delete(@PathParam("id") UUID id) {
    service.delete(tenant.require(), id);
  }

  @POST
  @Path("/{id}/rotate-secret")
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "rotateWebhookSecret",
      summary = "Replace a webhook's secret (the new one is answered this once)",
      description =
          "Deliveries are signed with the new secret from now on, and with the old one beside it"
              + " until `previousSecretExpiresAt` (default 24 h), so a receiver can switch secrets"
              + " without refusing a delivery.")
  public WebhookResponse rotateSecret(
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
    RotateSecretRequest request = bodies.read(headers, body, RotateSecretRequest.class);
    return service.rotateSecret(
        tenant.require(), id, request == null ? null : request.overlapSeconds());
  }
}
