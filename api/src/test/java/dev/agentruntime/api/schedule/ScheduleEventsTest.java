package dev.agentruntime.api.schedule;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static dev.agentruntime.api.schedule.ScheduleResourceTest.create;
import static dev.agentruntime.api.schedule.ScheduleResourceTest.hourly;
import static dev.agentruntime.api.schedule.ScheduleResourceTest.problem;
import static dev.agentruntime.api.schedule.ScheduleResourceTest.tenantWithAgent;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WithTemporalServerServices;
import dev.agentruntime.core.workflow.ScheduleActions;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.temporal.client.schedules.ScheduleClient;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A schedule's timeline: the missed-fire watcher against the real Temporal server, the record of a
 * growth in PostgreSQL (once, however many replicas race for it), the paged, tenant-scoped listing
 * and the fan-out of {@code schedule.fires_missed} into the webhook outbox. Temporal cannot be made
 * to miss a fire here (that takes an outage longer than the catchup window:
 * FullStackRestartSystemIT shows the whole path), so growths are recorded through the same SQL
 * function the watcher calls.
 */
@QuarkusTest
@WithTestResource(
    value = WithTemporalServerServices.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class ScheduleEventsTest {

  @Inject ScheduleMissedFires watcher;
  @Inject ScheduleClient temporal;

  @Test
  void aGrowthIsRecordedOnceWhenTwoReplicasRaceAndTheEventsArePagedOldestFirst() throws Exception {
    String tenant = tenantWithAgent();
    String id = create(tenant, hourly("raced")).then().statusCode(201).extract().path("id");

    // Two replicas read the same count (0 seen, 3 missed) and record it at once: one event.
    List<Integer> answers = race(tenant, id, 0, 3, 2);
    assertThat(answers).filteredOn(seq -> seq != null).containsExactly(1);
    assertThat(seen(id)).isEqualTo(3);
    // A replica that read the count before the record finds the row moved: nothing.
    assertThat(record(tenant, id, 0, 4)).isNull();
    assertThat(record(tenant, id, 3, 5)).isEqualTo(2);
    // A count below the one seen (Temporal's schedule made again) is only a new base.
    assertThat(record(tenant, id, 5, 1)).isNull();
    assertThat(seen(id)).isEqualTo(1);

    String path = "/v1/schedules/" + id + "/events";
    JsonPath first =
        as(tenantToken(tenant))
            .queryParam("limit", 1)
            .get(path)
            .then()
            .statusCode(200)
            .body("items.size()", equalTo(1))
            .body("items[0].seq", equalTo(1))
            .body("items[0].type", equalTo("schedule.fires_missed"))
            .body("items[0].payload.scheduleName", equalTo("as-recorded"))
            .body("items[0].payload.missed", equalTo(3))
            .body("items[0].payload.totalMissed", equalTo(3))
            .extract()
            .jsonPath();
    assertThat(Instant.parse(first.getString("items[0].payload.noticedAt"))).isNotNull();
    String cursor = first.getString("nextCursor");
    assertThat(cursor).isEqualTo("1");
    as(tokenWithRoles(tenant, "viewer"))
        .queryParam("cursor", cursor)
        .queryParam("limit", 1)
        .get(path)
        .then()
        .statusCode(200)
        .body("items.seq", equalTo(List.of(2)))
        .body("items[0].payload.missed", equalTo(2))
        .body("items[0].payload.totalMissed", equalTo(5))
        .body("nextCursor", nullValue());
  }

  @Test
  void aPassReadsTemporalsCountsRecordsNoGrowthThatDidNotHappenAndSkipsASchedulesItLacks()
      throws Exception {
    String tenant = tenantWithAgent();
    String kept = create(tenant, hourly("kept")).then().statusCode(201).extract().path("id");
    String lost = create(tenant, hourly("lost")).then().statusCode(201).extract().path("id");
    // Temporal's schedule gone behind the API's back: its count cannot be read.
    temporal.getHandle(ScheduleActions.scheduleId(tenant, UUID.fromString(lost))).delete();
    markCheckedLongAgo(kept, lost);

    // Every schedule due (these two oldest among them) is read, until none is left unchecked.
    for (int pass = 0; pass < 50 && (checkedLongAgo(kept) || checkedLongAgo(lost)); pass++) {
      watcher.watch();
    }
    assertThat(checkedLongAgo(kept)).isFalse();
    assertThat(checkedLongAgo(lost)).isFalse();
    assertThat(seen(kept)).isZero();
    assertThat(seen(lost)).isZero();
    as(tenantToken(tenant))
        .get("/v1/schedules/" + kept + "/events")
        .then()
        .statusCode(200)
        .body("items", equalTo(List.of()))
        .body("nextCursor", nullValue());
  }

  @Test
  void theEventReachesTheOutboxOfTheWebhooksThatWantItAndTheirDeliveryLog() throws Exception {
    String tenant = tenantWithAgent();
    String id = create(tenant, hourly("watched")).then().statusCode(201).extract().path("id");
    String wants = webhook(tenant, "wants", List.of("schedule.fires_missed", "run.failed"));
    String other = webhook(tenant, "other", List.of("run.failed"));
    String otherTenant = tenantWithAgent();
    String foreign = webhook(otherTenant, "foreign", List.of("schedule.fires_missed"));

    assertThat(record(tenant, id, 0, 2)).isEqualTo(1);

    as(tenantToken(tenant))
        .get("/v1/webhooks/" + wants + "/deliveries")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("items[0].type", equalTo("schedule.fires_missed"))
        .body("items[0].scheduleId", equalTo(id))
        .body("items[0].runId", nullValue())
        .body("items[0].seq", equalTo(1))
        .body("items[0].status", equalTo("pending"));
    for (String hook : List.of(other, foreign)) {
      assertThat(TestApi.count("webhook_delivery", "webhook_id = ?", UUID.fromString(hook)))
          .isZero();
    }
  }

  @Test
  void anotherTenantsOrAnUnknownScheduleIsNotFoundAndBadParametersAre400() {
    String owner = tenantWithAgent();
    String id = create(owner, hourly("private")).then().statusCode(201).extract().path("id");
    String path = "/v1/schedules/" + id + "/events";

    problem(as(tenantToken(TestApi.newTenant())).get(path), 404);
    problem(as(tenantToken(owner)).get("/v1/schedules/" + UUID.randomUUID() + "/events"), 404);
    given().get(path).then().statusCode(401);
    as(tokenWithRoles(owner, "runner")).get(path).then().statusCode(403);
    problem(as(tenantToken(owner)).queryParam("cursor", "x1").get(path), 400)
        .then()
        .body("violations[0].field", equalTo("cursor"));
    problem(as(tenantToken(owner)).queryParam("limit", 0).get(path), 400);
    problem(as(tenantToken(owner)).queryParam("limit", 201).get(path), 400);
    problem(as(tenantToken(owner)).queryParam("cursor", "").get(path), 400);

    as(tenantToken(owner)).delete("/v1/schedules/" + id).then().statusCode(204);
    problem(as(tenantToken(owner)).get(path), 404);
  }

  /** {@code callers} connections record the same growth at once; each one's answer. */
  private static List<Integer> race(String tenant, String id, long seen, long total, int callers)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(callers);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        Callable<Integer> call =
            () -> {
              start.await();
              return record(tenant, id, seen, total);
            };
        futures.add(pool.submit(call));
      }
      List<Integer> answers = new ArrayList<>();
      for (Future<Integer> future : futures) {
        answers.add(future.get());
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  /** What the watcher records for a growth from {@code seen} to {@code total}: the event's seq. */
  private static Integer record(String tenant, String id, long seen, long total)
      throws SQLException {
    String payload =
        total > seen
            ? "{\"scheduleName\":\"as-recorded\",\"missed\":"
                + (total - seen)
                + ",\"totalMissed\":"
                + total
                + ",\"noticedAt\":\"2026-01-05T00:00:00Z\"}"
            : "{}";
    try (Connection c = TestApi.db();
        PreparedStatement ps =
            c.prepareStatement("select record_missed_fires(?, ?, ?, ?, ?::jsonb)")) {
      ps.setString(1, tenant);
      ps.setObject(2, UUID.fromString(id));
      ps.setLong(3, seen);
      ps.setLong(4, total);
      ps.setString(5, payload);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return (Integer) rs.getObject(1);
      }
    }
  }

  private static String webhook(String tenant, String name, List<String> types) {
    return as(tenantToken(tenant))
        .body(Map.of("name", name, "url", "https://hooks.example.com/x", "eventTypes", types))
        .post("/v1/webhooks")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static long seen(String id) throws SQLException {
    try (Connection c = TestApi.db();
        PreparedStatement ps =
            c.prepareStatement("select missed_fires_seen from schedule where id = ?")) {
      ps.setObject(1, UUID.fromString(id));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getLong(1);
      }
    }
  }

  private static void markCheckedLongAgo(String... ids) throws SQLException {
    try (Connection c = TestApi.db();
        PreparedStatement ps =
            c.prepareStatement(
                "update schedule set missed_checked_at = now() - interval '1 day' where id = ?")) {
      for (String id : ids) {
        ps.setObject(1, UUID.fromString(id));
        ps.executeUpdate();
      }
    }
  }

  private static boolean checkedLongAgo(String id) throws SQLException {
    try (Connection c = TestApi.db();
        PreparedStatement ps =
            c.prepareStatement(
                "select missed_checked_at is null or missed_checked_at < now() - interval '1 hour'"
                    + " from schedule where id = ?")) {
      ps.setObject(1, UUID.fromString(id));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getBoolean(1);
      }
    }
  }
}
