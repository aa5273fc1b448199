package dev.agentruntime.api.run.approval;

import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The approvals of a run of the caller's tenant. */
@Tag(name = "Approvals")
@Path("/v1/runs/{runId}/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApprovalResource {

  private final ApprovalService service;
  private final CurrentTenant tenant;
  private final CurrentActor actor;

  public ApprovalResource(ApprovalService service, CurrentTenant tenant, CurrentActor actor) {
    this.service = service;
    this.tenant = tenant;
    this.actor = actor;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN, Roles.APPROVER})
  @Operation(
      operationId = "listApprovals",
      summary = "A run's approvals, oldest first (pending and decided)")
  public List<ApprovalResponse> list(@PathParam("runId") UUID runId) {
    return service.list(tenant.require(), runId);
  }

  @POST
  @Path("/{approvalId}")
  @RolesAllowed({Roles.APPROVER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "decideApproval",
      summary = "Approve or deny a pending tool call",
      description =
          "Answers once the run has recorded the decision. The same decision again answers 200"
              + " with the same approval; a different one 409; other arguments 412; an expired"
              + " approval 410 (the run went on as if denied). When the operator requires a"
              + " separate decider, the subject who started the run is refused with 403"
              + " (`approval-starter-may-not-decide`) and nothing is decided.")
  @APIResponse(responseCode = "200", description = "The approval as decided")
  @APIResponse(
      responseCode = "403",
      ref = "Forbidden",
      description =
          "The token lacks the approver or agent-admin role, or names no existing tenant; or a"
              + " separate decider is required and the token's subject started the run (nothing"
              + " was decided)")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such run or approval")
  @APIResponse(
      responseCode = "409",
      ref = "Conflict",
      description = "Decided otherwise before, or the run ended undecided")
  @APIResponse(responseCode = "410", ref = "Gone", description = "The approval expired")
  @APIResponse(
      responseCode = "412",
      ref = "PreconditionFailed",
      description = "argumentsSha256 is not the hash of the pending arguments; nothing changed")
  @APIResponse(
      responseCode = "503",
      ref = "ServiceUnavailable",
      description = "The run did not confirm in time; read the approval again")
  public ApprovalResponse decide(
      @PathParam("runId") UUID runId,
      @PathParam("approvalId") UUID approvalId,
      @Valid @NotNull DecideApprovalRequest body) {
    return service.decide(tenant.require(), runId, approvalId.toString(), body, actor.subject());
  }
}
