package dev.agentruntime.api.run.tree;

import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tree of runs below a run of the caller's tenant: its sub-agent calls' child runs. */
@Tag(name = "Runs")
@Path("/v1/runs/{runId}/tree")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RunTreeResource {

  private final RunTreeService trees;
  private final CurrentTenant tenant;

  public RunTreeResource(RunTreeService trees, CurrentTenant tenant) {
    this.trees = trees;
    this.tenant = tenant;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "getRunTree",
      summary = "A run and every run below it, with the tree's totals",
      description =
          "The run first, then the runs its sub-agent calls started and theirs, by depth and"
              + " then oldest first, each with its status, own steps and tokens, and timing."
              + " `totals` sums runs, steps and tokens over the whole tree. For a run that is not"
              + " a root, its own subtree. A run without children answers itself alone.")
  public RunTreeResponse tree(@PathParam("runId") UUID runId) {
    return trees.tree(tenant.require(), runId);
  }
}
