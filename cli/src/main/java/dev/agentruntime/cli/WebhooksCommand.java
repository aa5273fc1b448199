package dev.agentruntime.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.model.WebhookDeliveryPageResponse;
import dev.agentruntime.client.model.WebhookDeliveryResponse;
import dev.agentruntime.client.model.WebhookResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentctl webhooks list|deliveries ID}: outbound webhooks and their delivery log. */
@Command(
    name = "webhooks",
    mixinStandardHelpOptions = true,
    description = "Outbound webhooks and their delivery log.")
final class WebhooksCommand {

  @Spec CommandSpec spec;

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The tenant's webhooks, by name.")
  int list(@Mixin OutputOptions output) throws ApiException {
    Session session = AgentCtl.root(spec).session();
    List<WebhookResponse> hooks = session.read(() -> session.client().webhooks().listWebhooks());
    if (output.json()) {
      session.printLastJson();
      return ExitCode.OK;
    }
    Table table = new Table("NAME", "ID", "URL", "ENABLED", "EVENTS");
    for (WebhookResponse h : hooks) {
      table.row(
          h.getName(),
          h.getId(),
          h.getUrl(),
          Boolean.TRUE.equals(h.getEnabled()) ? "yes" : "no: " + h.getDisabledReason(),
          h.getEventTypes() == null
              ? null
              : h.getEventTypes().stream().map(Object::toString).collect(Collectors.joining(",")));
    }
    table.print(session.out());
    return ExitCode.OK;
  }

  @Command(
      name = "deliveries",
      mixinStandardHelpOptions = true,
      description = "A webhook's deliveries, newest first.")
  int deliveries(
      @Parameters(paramLabel = "WEBHOOK") String webhook,
      @Option(
              names = "--limit",
              paramLabel = "N",
              defaultValue = "50",
              description = "At most N (default ${DEFAULT-VALUE}).")
          int limit,
      @Mixin OutputOptions output)
      throws ApiException {
    Session session = AgentCtl.root(spec).session();
    UUID id = webhookId(session, webhook);
    ArrayNode items = Session.TREES.createArrayNode();
    Table table =
        new Table("DELIVERY", "TYPE", "RUN", "SEQ", "STATUS", "ATTEMPTS", "LAST", "CREATED");
    UUID cursor = null;
    do {
      UUID after = cursor;
      int size = Math.min(100, limit - items.size());
      WebhookDeliveryPageResponse page =
          session.read(() -> session.client().webhooks().listWebhookDeliveries(id, after, size));
      var raw = session.lastTree().path("items");
      for (int i = 0; i < page.getItems().size() && items.size() < limit; i++) {
        WebhookDeliveryResponse d = page.getItems().get(i);
        items.add(raw.get(i));
        table.row(
            d.getId(),
            d.getType(),
            d.getRunId() != null ? d.getRunId() : d.getScheduleId(),
            d.getSeq(),
            d.getStatus(),
            d.getAttempts(),
            d.getLastStatusCode() != null ? d.getLastStatusCode() : d.getLastError(),
            d.getCreatedAt());
      }
      cursor = page.getNextCursor() == null ? null : UUID.fromString(page.getNextCursor());
    } while (cursor != null && items.size() < limit);
    if (output.json()) {
      session.printJson(items);
    } else {
      table.print(session.out());
    }
    return ExitCode.OK;
  }

  private static UUID webhookId(Session session, String nameOrId) throws ApiException {
    UUID id = Lookups.uuidOrNull(nameOrId);
    if (id != null) {
      return id;
    }
    for (WebhookResponse h : session.read(() -> session.client().webhooks().listWebhooks())) {
      if (nameOrId.equals(h.getName())) {
        return h.getId();
      }
    }
    throw new CliFailure(ExitCode.NOT_FOUND, "no webhook named " + nameOrId + " in the tenant");
  }
}
