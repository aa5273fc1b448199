package dev.agentruntime.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.testkit.WebhookReceiver;
import dev.agentruntime.testkit.WebhookReceiver.Delivery;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.egress.Egress;
import dev.agentruntime.worker.egress.EgressPolicy;
import dev.agentruntime.worker.egress.HostResolver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound webhooks end to end on the real tiers: PostgreSQL fans events out into the outbox, the
 * worker's sender delivers through the egress gate, and a Python receiver verifies every signature
 * with the Standard Webhooks reference library from PyPI.
 */
class WebhookDeliveryTest {

  @TempDir Path dir;

  private final WebhookFixture fixture = new WebhookFixture();
  private final Egress egress = fixture.infra.egress;

  @AfterEach
  void cleanUp() {
    fixture.close();
  }

  @Test
  void aRunsEndReachesTheReceiverSignedAndVerifiedByTheReferenceLibrary() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start(dir)) {
      RunWorkflowInput run = fixture.run();
      UUID hook = UUID.randomUUID();
      String secret =
          fixture.webhook(run.tenantId(), hook, receiver.url(), "run.succeeded", "run.failed");
      receiver.verifyWith(List.of(secret));
      fixture.sender(egress, WebhookFixture.FAST);

      int seq = fixture.succeeded(run);

      awaitTrue(() -> receiver.deliveries().size() == 1, Duration.ofSeconds(10));
      Delivery delivery = receiver.deliveries().get(0);
      assertThat(delivery.verifiedWith(0)).isTrue();
      assertThat(delivery.signatures()).isEqualTo(1);
      assertThat(delivery.body().path("type").asText()).isEqualTo("run.succeeded");
      assertThat(delivery.body().path("data").path("runId").asText())
          .isEqualTo(run.runId().toString());
      assertThat(delivery.body().path("data").path("seq").asInt()).isEqualTo(seq);
      assertThat(delivery.body().path("data").path("payload").path("status").asText())
          .isEqualTo("succeeded");
      awaitTrue(
          () -> fixture.deliveries(hook).get(0).status().equals("delivered"),
          Duration.ofSeconds(5));
      WebhookFixture.Row row = fixture.deliveries(hook).get(0);
      assertThat(row.messageId()).isEqualTo(delivery.webhookId()).startsWith("msg_");
      assertThat(row.attempts()).isEqualTo(1);
      assertThat(row.lastStatusCode()).isEqualTo(204);
      assertThat(row.lastLatencyMs()).isNotNull();
      assertThat(
              fixture
                  .meters
                  .get("agent_runtime.webhooks.attempts")
                  .tag("outcome", "delivered")
                  .counter()
                  .count())
          .isEqualTo(1.0);
    }
  }

  @Test
  void aSchedulesMissedFiresReachTheReceiverSignedInOrderAndNamingTheSchedule() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start(dir)) {
      RunWorkflowInput run = fixture.run();
      UUID hook = UUID.randomUUID();
      UUID runsOnly = UUID.randomUUID();
      String secret =
          fixture.webhook(run.tenantId(), hook, receiver.url(), "schedule.fires_missed");
      fixture.webhook(run.tenantId(), runsOnly, receiver.url(), "run.succeeded");
      receiver.verifyWith(List.of(secret));
      UUID schedule = UUID.randomUUID();
      fixture.firesMissed(run.tenantId(), schedule, 1, 3, 3);
      fixture.firesMissed(run.tenantId(), schedule, 2, 2, 5);
      fixture.sender(egress, WebhookFixture.FAST);

      awaitTrue(() -> receiver.deliveries().size() == 2, Duration.ofSeconds(10));
      List<Delivery> got = receiver.deliveries();
      for (int i = 0; i < 2; i++) {
        Delivery delivery = got.get(i);
        assertThat(delivery.verifiedWith(0)).isTrue();
        assertThat(delivery.body().path("type").asText()).isEqualTo("schedule.fires_missed");
        assertThat(delivery.body().path("data").path("scheduleId").asText())
            .isEqualTo(schedule.toString());
        assertThat(delivery.body().path("data").has("runId")).isFalse();
        assertThat(delivery.body().path("data").path("seq").asInt()).isEqualTo(i + 1);
      }
      assertThat(got.get(0).body().path("data").path("payload").path("missed").asLong())
          .isEqualTo(3);
      assertThat(got.get(1).body().path("data").path("payload").path("totalMissed").asLong())
          .isEqualTo(5);
      awaitTrue(
          () -> fixture.deliveries(hook).stream().allMatch(r -> r.status().equals("delivered")),
          Duration.ofSeconds(5));
      assertThat(fixture.deliveries(runsOnly)).isEmpty();
    }
  }

  @Test
  void theFanOutIsPartOfTheEventsTransactionAndOnlyForWantedTypesOfTheTenantsEnabledWebhooks()
      throws Exception {
    RunWorkflowInput run = fixture.run();
    RunWorkflowInput other = fixture.run();
    UUID wantsEnd = UUID.randomUUID();
    UUID wantsApproval = UUID.randomUUID();
    UUID disabled = UUID.randomUUID();
    UUID otherTenants = UUID.randomUUID();
    String url = "http://127.0.0.1:9/hook";
    fixture.webhook(run.tenantId(), wantsEnd, url, "run.succeeded");
    fixture.webhook(run.tenantId(), wantsApproval, url, "run.waiting_for_approval");
    fixture.webhook(run.tenantId(), disabled, url, "run.succeeded");
    fixture.infra.execute("update webhook set enabled = false where id = ?", disabled);
    fixture.webhook(other.tenantId(), otherTenants, url, "run.succeeded");

    // An append that rolls back leaves no delivery; the same append committed leaves one.
    try (Connection c = fixture.infra.dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "select append_run_event(?, ?, 'end', 'run.succeeded',"
                  + " '{\"status\":\"succeeded\",\"steps\":1,\"totalTokens\":0}'::jsonb)")) {
        ps.setString(1, run.tenantId());
        ps.setObject(2, run.runId());
        ps.executeQuery().close();
      }
      c.rollback();
    }
    assertThat(fixture.deliveries(wantsEnd)).isEmpty();

    fixture.waitingForApproval(run);
    int end = fixture.succeeded(run);

    assertThat(fixture.deliveries(wantsEnd))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.seq()).isEqualTo(end);
              assertThat(r.type()).isEqualTo("run.succeeded");
              assertThat(r.status()).isEqualTo("pending");
            });
    assertThat(fixture.deliveries(wantsApproval))
        .singleElement()
        .extracting(WebhookFixture.Row::type)
        .isEqualTo("run.waiting_for_approval");
    assertThat(fixture.deliveries(disabled)).isEmpty();
    assertThat(fixture.deliveries(otherTenants)).isEmpty();
  }

  @Test
  void aReceiverDownForAWhileGetsEveryEventAfterwardsExactlyOncePerWebhookIdInOrderPerRun()
      throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start(dir)) {
      RunWorkflowInput first = fixture.run();
      UUID hook = UUID.randomUUID();
      String secret =
          fixture.webhook(
              first.tenantId(), hook, receiver.url(), "run.succeeded", "run.waiting_for_approval");
      receiver.verifyWith(List.of(secret));
      receiver.kill();
      // Two senders share the outbox, as two workers do.
      fixture.sender(egress, WebhookFixture.FAST);
      fixture.sender(egress, WebhookFixture.FAST);

      List<RunWorkflowInput> runs =
          List.of(first, fixture.anotherRun(first), fixture.anotherRun(first));
      for (RunWorkflowInput run : runs) {
        fixture.waitingForApproval(run);
        fixture.succeeded(run);
      }
      awaitTrue(
          () ->
              fixture.deliveries(hook).stream()
                  .filter(r -> r.type().equals("run.waiting_for_approval"))
                  .allMatch(r -> r.attempts() >= 2),
          Duration.ofSeconds(10));
      // While a run's first event is pending, its next one is not sent at all.
      assertThat(fixture.deliveries(hook))
          .filteredOn(r -> r.type().equals("run.succeeded"))
          .hasSize(3)
          .allSatisfy(r -> assertThat(r.attempts()).isZero());
      assertThat(fixture.deliveries(hook))
          .filteredOn(r -> r.type().equals("run.waiting_for_approval"))
          .allSatisfy(r -> assertThat(r.lastError()).contains("connect"));
      receiver.restart();

      awaitTrue(
          () -> fixture.deliveries(hook).stream().allMatch(r -> r.status().equals("delivered")),
          Duration.ofSeconds(20));
      List<Delivery> received = receiver.deliveries();
      assertThat(received).allMatch(d -> d.verifiedWith(0));
      Map<String, Long> perId =
          received.stream()
              .collect(Collectors.groupingBy(Delivery::webhookId, Collectors.counting()));
      assertThat(perId).hasSize(6).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
      assertThat(
              fixture.deliveries(hook).stream()
                  .map(WebhookFixture.Row::messageId)
                  .collect(Collectors.toSet()))
          .isEqualTo(perId.keySet());
      for (RunWorkflowInput run : runs) {
        List<String> types =
            received.stream()
                .filter(
                    d ->
                        d.body().path("data").path("runId").asText().equals(run.runId().toString()))
                .map(d -> d.body().path("type").asText())
                .toList();
        assertThat(types).containsExactly("run.waiting_for_approval", "run.succeeded");
      }
    }
  }

  @Test
  void aGoneEndpointDisablesTheWebhookAndLaterEventsAreNotQueued() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start(dir)) {
      RunWorkflowInput run = fixture.run();
      UUID hook = UUID.randomUUID();
      receiver.verifyWith(
          List.of(fixture.webhook(run.tenantId(), hook, receiver.url(), "run.succeeded")));
      receiver.answerNext(1, 410, null);
      fixture.sender(egress, WebhookFixture.FAST);

      fixture.succeeded(run);

      awaitTrue(() -> !(Boolean) fixture.webhookState(hook)[0], Duration.ofSeconds(10));
      assertThat((String) fixture.webhookState(hook)[1]).contains("410 Gone");
      assertThat(fixture.deliveries(hook))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.status()).isEqualTo("failed");
                assertThat(r.lastStatusCode()).isEqualTo(410);
              });
      fixture.succeeded(fixture.anotherRun(run));
      assertThat(fixture.deliveries(hook)).hasSize(1);
      assertThat(receiver.deliveries()).hasSize(1);
    }
  }

  @Test
  void aRetryAfterLongerThanTheScheduleIsHonoured() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start(dir)) {
      RunWorkflowInput run = fixture.run();
      UUID hook = UUID.randomUUID();
      receiver.verifyWith(
          List.of(fixture.webhook(run.tenantId(), hook, receiver.url(), "run.succeeded")));
      receiver.answerNext(1, 503, "2");
      fixture.sender(egress, WebhookFixture.FAST);

      fixture.succeeded(run);

      awaitTrue(() -> receiver.deliveries().size() == 2, Duration.ofSeconds(10));
      List<Delivery> received = receiver.deliveries();
      assertThat(received.get(0).answered()).isEqualTo(503);
      assertThat(received.get(1).answered()).isEqualTo(204);
      // The schedule alone would have retried after 100 ms.
      assertThat(received.get(1).receivedAt() - received.get(0).receivedAt()).isGreaterThan(1.9);
      assertThat(received.get(1).webhookId()).isEqualTo(received.get(0).webhookId());
      awaitTrue(
          () -> fixture.deliveries(hook).get(0).status().equals("delivered"),
          Duration.ofSeconds(5));
      assertThat(fixture.deliveries(hook).get(0).attempts()).isEqualTo(2);
    }
  }

  @Test
  void duringARotationBothSecretsSignAndAfterTheOverlapOnlyTheNewOne() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start(dir)) {
      RunWorkflowInput run = fixture.run();
      UUID hook = UUID.randomUUID();
      String old = fixture.webhook(run.tenantId(), hook, receiver.url(), "run.succeeded");
      String current = dev.agentruntime.core.webhook.StandardWebhooks.newSecret();
      fixture.infra.execute(
          "update webhook set sealed_secret = ? where id = ?",
          fixture.infra.seal(
              run.tenantId(), dev.agentruntime.core.webhook.WebhookSecretNames.of(hook), current),
          hook);
      fixture.previousSecret(run.tenantId(), hook, old, Duration.ofHours(24));
      receiver.verifyWith(List.of(old, current));
      fixture.sender(egress, WebhookFixture.FAST);

      fixture.succeeded(run);
      awaitTrue(() -> receiver.deliveries().size() == 1, Duration.ofSeconds(10));
      fixture.previousSecret(run.tenantId(), hook, old, Duration.ofSeconds(-1));
      fixture.succeeded(fixture.anotherRun(run));
      awaitTrue(() -> receiver.deliveries().size() == 2, Duration.ofSeconds(10));

      Delivery during = receiver.deliveries().get(0);
      assertThat(during.signatures()).isEqualTo(2);
      assertThat(during.verifiedBy()).containsExactly(0, 1);
      Delivery after = receiver.deliveries().get(1);
      assertThat(after.signatures()).isEqualTo(1);
      assertThat(after.verifiedBy()).containsExactly(1);
    }
  }

  @Test
  void aLoopbackUrlIsRefusedByTheEgressGateForATenantWithoutAGrant() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start(dir)) {
      RunWorkflowInput run = fixture.run();
      UUID hook = UUID.randomUUID();
      fixture.webhook(run.tenantId(), hook, receiver.url(), "run.succeeded");
      Egress noGrants = new Egress(EgressPolicy.parse("", List.of()), HostResolver.SYSTEM);
      fixture.sender(noGrants, WebhookFixture.FAST);

      fixture.succeeded(run);

      awaitTrue(
          () -> fixture.deliveries(hook).get(0).status().equals("failed"), Duration.ofSeconds(10));
      assertThat(fixture.deliveries(hook).get(0).lastError())
          .startsWith("refused by the egress policy")
          .contains("127.0.0.1");
      assertThat(receiver.deliveries()).isEmpty();
    }
  }

  static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not true within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  static TestInfrastructure infra() {
    return TestInfrastructure.get();
  }
}
