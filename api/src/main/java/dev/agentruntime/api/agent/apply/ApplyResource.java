package dev.agentruntime.api.agent.apply;

import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Agents as code: agent files applied in one transaction (docs/agents-as-code.md). */
@Tag(name = "Agents")
@Path("/v1/apply")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplyResource {

  private final ApplyService apply;
  private final CurrentTenant tenant;
  private final CurrentActor actor;

  public ApplyResource(ApplyService apply, CurrentTenant tenant, CurrentActor actor) {
    this.apply = apply;
    this.tenant = tenant;
    this.actor = actor;
  }

  @POST
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "applyAgents",
      summary = "Apply agent files in one transaction, or answer the plan (dryRun)",
      description =
          "Creates the agents the files name, publishes each spec that is not already the version"
              + " the file says (the content hash decides: applying the same files again changes"
              + " nothing), sets descriptions and points aliases, all in one transaction. The"
              + " answer is the plan: per file `created`, `new_version` or `unchanged`, and each"
              + " alias `created`, `moved` or `unchanged` with where it pointed. With `dryRun`"
              + " nothing changes. A file that cannot be applied answers 422 with violations naming"
              + " the file and the field, and nothing is applied. Format: docs/agents-as-code.md.")
  @APIResponse(
      responseCode = "200",
      description = "The plan; applied unless dryRun",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ApplyResponse.class)))
  @APIResponse(
      responseCode = "409",
      ref = "Conflict",
      description = "A concurrent request created an agent of the same name; apply again")
  @APIResponse(
      responseCode = "422",
      ref = "UnprocessableContent",
      description =
          "A file cannot be applied (`invalid-agent-files`): each violation names the file and"
              + " the field; nothing was applied")
  public ApplyResponse apply(@Valid @NotNull ApplyRequest body) {
    return apply.apply(tenant.require(), body, actor.subject());
  }
}
