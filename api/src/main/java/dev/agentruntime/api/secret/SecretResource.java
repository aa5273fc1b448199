package dev.agentruntime.api.secret;

import dev.agentruntime.api.problem.Problem;
import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's tenant's secrets, which specs name as {@code secret:NAME}. Values are write-only:
 * every answer is metadata.
 */
@Tag(name = "Secrets")
@Path("/v1/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SecretResource {

  private final SecretService service;
  private final CurrentTenant tenant;
  private final CurrentActor actor;

  public SecretResource(SecretService service, CurrentTenant tenant, CurrentActor actor) {
    this.service = service;
    this.tenant = tenant;
    this.actor = actor;
  }

  @PUT
  @Path("/{name}")
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "putSecret",
      summary = "Create or replace a secret (write-only)",
      description =
          "Encrypts the value under the tenant's data key and stores it as the secret `name`,"
              + " which specs then name as `secret:NAME`: 201 for a new secret (version 1), 200"
              + " when it replaces one (the next version). The value is never returned, logged or"
              + " shown again; the answer is the secret's metadata, whose `fingerprint` tells"
              + " values apart.")
  @Parameter(
      name = "name",
      in = ParameterIn.PATH,
      schema = @Schema(type = SchemaType.STRING, pattern = SecretNames.REGEX))
  @APIResponse(
      responseCode = "201",
      description = "The secret was created",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SecretResponse.class)))
  @APIResponse(
      responseCode = "200",
      description = "The secret's value was replaced",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SecretResponse.class)))
  @APIResponse(
      responseCode = "422",
      ref = "UnprocessableContent",
      description =
          "The value cannot be sent as an HTTP header value (empty, over 16,384 characters, a line"
              + " break, control or non-ASCII character, a space at either end); `violations`"
              + " names `value` and never quotes it. Nothing was written.")
  @APIResponse(
      responseCode = "503",
      ref = "ServiceUnavailable",
      description =
          "The database is unreachable (`Retry-After`), or the secret store cannot encrypt: no"
              + " key is configured (agent-runtime.secrets.master-keys, master-key-files or"
              + " kms-key-id), none unwraps the tenant's data key, or AWS KMS does not answer."
              + " Nothing was written.")
  public Response put(@PathParam("name") String name, @Valid @NotNull PutSecretRequest body) {
    StoredSecret stored = service.put(tenant.require(), name, body, actor.subject());
    // No Location: the secret is at the URI the client sent (RFC 9110, 15.3.2).
    return Response.status(stored.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(stored.secret())
        .build();
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "listSecrets",
      summary = "List the tenant's secrets (metadata, by name; never values)")
  public List<SecretResponse> list() {
    return service.list(tenant.require());
  }

  @GET
  @Path("/{name}")
  @RolesAllowed({Roles.VIEWER, Roles.AGENT_ADMIN})
  @Operation(operationId = "getSecret", summary = "Read a secret's metadata (never its value)")
  @Parameter(
      name = "name",
      in = ParameterIn.PATH,
      schema = @Schema(type = SchemaType.STRING, pattern = SecretNames.REGEX))
  public SecretResponse get(@PathParam("name") String name) {
    return service.get(tenant.require(), name);
  }

  @DELETE
  @Path("/{name}")
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE}) // a 204: see Problem.MEDIA_TYPE
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "deleteSecret",
      summary = "Delete a secret",
      description =
          "Versions that name it stay published but can no longer resolve it: the worker reads"
              + " a secret when a step uses it, so such a step fails until a secret of that name"
              + " is put again.")
  @Parameter(
      name = "name",
      in = ParameterIn.PATH,
      schema = @Schema(type = SchemaType.STRING, pattern = SecretNames.REGEX))
  @APIResponse(responseCode = "204", description = "The secret was deleted")
  public void delete(@PathParam("name") String name) {
    service.delete(tenant.require(), name);
  }
}
