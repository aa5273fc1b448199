package dev.agentruntime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.model.ApprovalPageResponse;
import dev.agentruntime.client.model.ApprovalResponse;
import dev.agentruntime.client.model.DecideApprovalRequest;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentctl approvals list|show|approve|deny}. A decision carries the SHA-256 of the
 * arguments the person was shown ({@code show} prints it): the API refuses it with 412 when the
 * pending call's arguments are not those, so nobody approves a call they did not see.
 */
@Command(
    name = "approvals",
    mixinStandardHelpOptions = true,
    description =
        "Tool calls waiting for a person: list, show (arguments and hash), approve, deny.")
final class ApprovalsCommand {

  @Spec CommandSpec spec;

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The tenant's approvals, newest first.")
  int list(
      @Option(
              names = "--status",
              paramLabel = "S",
              description = "pending, approved, denied, expired or cancelled.")
          String status,
      @Option(
              names = "--agent",
              paramLabel = "AGENT",
              description = "Only this agent's runs (name or id).")
          String agent,
      @Option(
              names = "--limit",
              paramLabel = "N",
              defaultValue = "50",
              description = "At most N (default ${DEFAULT-VALUE}).")
          int limit,
      @Mixin OutputOptions output)
      throws ApiException {
    Session session = AgentCtl.root(spec).session();
    UUID agentId = agent == null ? null : Lookups.agentId(session, agent);
    ArrayNode items = Session.TREES.createArrayNode();
    Table table = new Table("RUN", "APPROVAL", "AGENT", "TOOL", "STATUS", "REQUESTED", "SHA256");
    String cursor = null;
    do {
      String after = cursor;
      int size = Math.min(200, limit - items.size());
      ApprovalPageResponse page =
          session.read(
              () -> session.client().approvals().listTenantApprovals(agentId, after, size, status));
      JsonNode raw = session.lastTree().path("items");
      for (int i = 0; i < page.getItems().size() && items.size() < limit; i++) {
        ApprovalResponse a = page.getItems().get(i);
        items.add(raw.get(i));
        table.row(
            a.getRunId(),
            a.getId(),
            a.getAgentName(),
            a.getToolName(),
            a.getStatus().getValue(),
            a.getRequestedAt(),
            Lookups.shortHash(a.getArgumentsSha256()));
      }
      cursor = page.getNextCursor();
    } while (cursor != null && items.size() < limit);
    if (output.json()) {
      session.printJson(items);
    } else {
      table.print(session.out());
    }
    return ExitCode.OK;
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "The call waiting: tool, arguments (pretty-printed) and their argumentsSha256.")
  int show(
      @Parameters(index = "0", paramLabel = "RUN") String run,
      @Parameters(index = "1", paramLabel = "APPROVAL") String approval,
      @Mixin OutputOptions output)
      throws Exception {
    Session session = AgentCtl.root(spec).session();
    UUID runId = Lookups.uuid(run, "RUN");
    List<ApprovalResponse> all =
        session.read(() -> session.client().approvals().listApprovals(runId));
    JsonNode raw = session.lastTree();
    for (int i = 0; i < all.size(); i++) {
      ApprovalResponse a = all.get(i);
      if (!approval.equals(a.getId())) {
        continue;
      }
      if (output.json()) {
        session.printJson(raw.get(i));
        return ExitCode.OK;
      }
      new Table("FIELD", "VALUE")
          .row("approval", a.getId())
          .row("run", a.getRunId())
          .row("agent", a.getAgentName())
          .row("step", a.getStep())
          .row("tool", a.getToolName())
          .row("status", a.getStatus().getValue())
          .row("requested", a.getRequestedAt())
          .row("expires", a.getExpiresAt())
          .row(
              "decided",
              a.getDecidedBy() == null ? null : a.getDecidedBy() + " at " + a.getDecidedAt())
          .row("argumentsSha256", a.getArgumentsSha256())
          .print(session.out());
      session.out().println("arguments:");
      session
          .out()
          .println(
              new ObjectMapper()
                  .enable(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(raw.get(i).path("arguments")));
      if (a.getStatus() == ApprovalResponse.StatusEnum.PENDING) {
        session
            .err()
            .println(
                "To approve exactly these arguments: agentctl approvals approve "
                    + a.getRunId()
                    + " "
                    + a.getId()
                    + " --sha256 "
                    + a.getArgumentsSha256());
      }
      return ExitCode.OK;
    }
    throw new CliFailure(ExitCode.NOT_FOUND, "no approval " + approval + " in run " + run);
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve the call whose arguments hash to --sha256.")
  int approve(
      @Parameters(index = "0", paramLabel = "RUN") String run,
      @Parameters(index = "1", paramLabel = "APPROVAL") String approval,
      @Mixin DecisionOptions options)
      throws ApiException {
    return decide(run, approval, options, DecideApprovalRequest.DecisionEnum.APPROVE);
  }

  @Command(
      name = "deny",
      mixinStandardHelpOptions = true,
      description = "Deny the call whose arguments hash to --sha256.")
  int deny(
      @Parameters(index = "0", paramLabel = "RUN") String run,
      @Parameters(index = "1", paramLabel = "APPROVAL") String approval,
      @Mixin DecisionOptions options)
      throws ApiException {
    return decide(run, approval, options, DecideApprovalRequest.DecisionEnum.DENY);
  }

  /** What a decision carries besides the run and the approval. */
  static final class DecisionOptions {
    @Option(
        names = "--sha256",
        required = true,
        paramLabel = "HASH",
        description =
            "The argumentsSha256 that approvals show printed (required: it binds the decision to what you saw).")
    String sha256;

    @Option(names = "--comment", paramLabel = "C", description = "Recorded with the decision.")
    String comment;

    @Mixin OutputOptions output;
  }

  private int decide(
      String run,
      String approval,
      DecisionOptions options,
      DecideApprovalRequest.DecisionEnum decision)
      throws ApiException {
    Session session = AgentCtl.root(spec).session();
    UUID runId = Lookups.uuid(run, "RUN");
    UUID approvalId = Lookups.uuid(approval, "APPROVAL");
    DecideApprovalRequest request =
        new DecideApprovalRequest()
            .decision(decision)
            .argumentsSha256(options.sha256)
            .comment(options.comment);
    ApprovalResponse decided =
        session.write(
            () -> session.client().approvals().decideApproval(approvalId, runId, request));
    if (options.output.json()) {
      session.printLastJson();
    } else {
      session
          .out()
          .println(
              decided.getId()
                  + " "
                  + decided.getStatus().getValue()
                  + " by "
                  + decided.getDecidedBy());
    }
    return ExitCode.OK;
  }
}
