package dev.agentruntime.api.webhook;

import dev.agentruntime.api.problem.OptionalJsonBody;
import dev.agentruntime.api.problem.QueryParameters;
import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A webhook's delivery log, and redelivery. */
@Tag(name = "Webhooks")
@Path("/v1/webhooks/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookDeliveryResource {

  private final WebhookService service;
  private final CurrentTenant tenant;
  private final CurrentActor actor;
  private final OptionalJsonBody bodies;

  public WebhookDeliveryResource(
      WebhookService service, CurrentTenant tenant, CurrentActor actor, OptionalJsonBody bodies) {
    this.service = service;
    this.tenant = tenant;
    this.actor = actor;
    this.bodies = bodies;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "listWebhookDeliveries",
      summary = "A webhook's delivery log, newest first",
      description =
          "Each delivery's status, attempts, last HTTP status, error and latency. `nextCursor`"
              + " continues the listing; a cursor that is not one of this webhook's is refused"
              + " with 400 naming `cursor`.")
  public WebhookDeliveryPageResponse list(
      @PathParam("id") UUID id,
      @Parameter(
              description = "The `nextCursor` of the previous page",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Deliveries per page")
          @QueryParam("limit")
          @DefaultValue("50")
          @Min(1)
          @Max(200)
          int limit,
      @Context UriInfo uri) {
    QueryParameters.refuseEmpty(uri, "cursor", "limit");
    return service.deliveries(tenant.require(), id, cursor, limit);
  }

  @GET
  @Path("/{deliveryId}")
  @RolesAllowed({Roles.VIEWER, Roles.AGENT_ADMIN})
  @Operation(operationId = "getWebhookDelivery", summary = "Read one delivery of a webhook")
  public WebhookDeliveryResponse get(
      @PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
    return service.delivery(tenant.require(), id, deliveryId);
  }

  @POST
  @Path("/{deliveryId}/redeliver")
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "redeliverWebhookDelivery",
      summary = "Send a delivery again (202), with its message id and a fresh retry schedule",
      description =
          "Whatever its status: a failed, abandoned or even delivered event goes out again with"
              + " the same `webhook-id`, so a receiver that had it can dedupe.")
  @APIResponse(
      responseCode = "202",
      description = "The delivery, pending again",
      headers = @Header(name = "Location", ref = "Location"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = WebhookDeliveryResponse.class)))
  @APIResponse(
      responseCode = "409",
      ref = "Conflict",
      description = "The webhook is disabled: enable it first")
  public Response redeliver(
      @PathParam("id") UUID id,
      @PathParam("deliveryId") UUID deliveryId,
      @Context HttpHeaders headers,
      @RequestBody(
              required = false,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = RedeliverRequest.class)))
          byte[] body)
      throws IOException {
    RedeliverRequest request = bodies.read(headers, body, RedeliverRequest.class);
    WebhookDeliveryResponse delivery =
        service.redeliver(
            tenant.require(),
            id,
            deliveryId,
            actor.subject(),
            request == null ? null : request.reason());
    return Response.accepted(delivery)
        .location(URI.create("/v1/webhooks/" + id + "/deliveries/" + deliveryId))
        .build();
  }
}
