package dev.agentruntime.api.schedule;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WithTemporalServerServices;
import dev.agentruntime.api.WrittenRows;
import dev.agentruntime.core.workflow.ScheduleActions;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/schedules} over HTTP on the real Temporal server: what an answer says is what Temporal
 * holds, every client mistake is a 400 that writes nothing, and another tenant's schedule is not
 * found on any endpoint. No worker polls here, so a fire starts its workflow and goes no further.
 */
@QuarkusTest
@WithTestResource(
    value = WithTemporalServerServices.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class ScheduleResourceTest {

  @Inject ScheduleClient temporal;

  @Test
  void aScheduleIsCreatedReadChangedAndDeleted() {
    String tenant = tenantWithAgent();
    Response created = create(tenant, hourly("nightly-digest"));
    String id = created.then().statusCode(201).extract().path("id");
    created
        .then()
        .header("Location", matchesPattern("^.*/v1/schedules/" + id + "$"))
        .body("name", equalTo("nightly-digest"))
        .body("agentName", equalTo("digest"))
        .body("version", nullValue())
        .body("input.topic", equalTo("news"))
        .body("timing.interval", equalTo("PT1H"))
        .body("overlap", equalTo("skip"))
        .body("catchupWindowSeconds", equalTo(60))
        .body("applied", equalTo(true))
        .body("state.paused", equalTo(false))
        .body("state.missedFires", equalTo(0))
        .body("createdBy", equalTo(tenant + "-admin"));

    JsonPath read =
        as(tenantToken(tenant))
            .get("/v1/schedules/" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Instant> next =
        read.getList("state.nextFireTimes", String.class).stream().map(Instant::parse).toList();
    assertThat(next).isNotEmpty().allSatisfy(t -> assertThat(t.getEpochSecond() % 3600).isZero());

    Map<String, Object> change = new HashMap<>();
    change.put("timing", Map.of("cron", "30 6 * * *", "timeZone", "Asia/Tokyo"));
    change.put("overlap", "allow-all");
    change.put("version", 1);
    change.put("input", Map.of("topic", "weather"));
    change.put("pauseOnFailure", true);
    as(tenantToken(tenant))
        .body(change)
        .patch("/v1/schedules/" + id)
        .then()
        .statusCode(200)
        .body("timing.cron", equalTo("30 6 * * *"))
        .body("timing.interval", nullValue())
        .body("overlap", equalTo("allow-all"))
        .body("version", equalTo(1))
        .body("input.topic", equalTo("weather"))
        .body("catchupWindowSeconds", equalTo(60))
        .body("pauseOnFailure", equalTo(true))
        .body("applied", equalTo(true));
    ScheduleDescription described = describe(tenant, id);
    // Temporal compiles a cron into calendars: its next fires say what it holds.
    assertThat(described.getSchedule().getSpec().getIntervals()).isEmpty();
    assertThat(described.getInfo().getNextActionTimes())
        .isNotEmpty()
        .allSatisfy(
            t ->
                assertThat(t.atZone(ZoneId.of("Asia/Tokyo")).toLocalTime())
                    .isEqualTo(LocalTime.of(6, 30)));
    assertThat(described.getSchedule().getSpec().getTimeZoneName()).isEqualTo("Asia/Tokyo");
    assertThat(described.getSchedule().getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL);
    assertThat(described.getSchedule().getPolicy().isPauseOnFailure()).isTrue();

    as(tenantToken(tenant)).delete("/v1/schedules/" + id).then().statusCode(204);
    as(tenantToken(tenant)).get("/v1/schedules/" + id).then().statusCode(404);
    assertThat(listNames(tenant)).doesNotContain("nightly-digest");
  }

  @Test
  void theListingIsPagedByName() {
    String tenant = tenantWithAgent();
    for (String name : List.of("c-third", "a-first", "b-second")) {
      create(tenant, hourly(name)).then().statusCode(201);
    }
    JsonPath first =
        as(tenantToken(tenant))
            .get("/v1/schedules?limit=2")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(first.getList("items.name")).containsExactly("a-first", "b-second");
    // A listing reads PostgreSQL alone: no Temporal state per item.
    assertThat(first.getList("items.state")).containsOnlyNulls();
    String cursor = first.getString("nextCursor");
    as(tenantToken(tenant))
        .get("/v1/schedules?limit=2&cursor=" + cursor)
        .then()
        .statusCode(200)
        .body("items.name", equalTo(List.of("c-third")))
        .body("nextCursor", nullValue());
  }

  @Test
  void pauseUnpauseTriggerBackfillAndThePreviewActOnTemporal() throws Exception {
    String tenant = tenantWithAgent();
    Map<String, Object> body = hourly("all-at-once");
    body.put("overlap", "allow-all");
    String id = create(tenant, body).then().statusCode(201).extract().path("id");
    String path = "/v1/schedules/" + id;

    as(tenantToken(tenant))
        .body(Map.of("note", "maintenance until noon"))
        .post(path + "/pause")
        .then()
        .statusCode(200)
        .body("state.paused", equalTo(true))
        .body("state.note", equalTo("maintenance until noon"));
    assertThat(describe(tenant, id).getSchedule().getState().isPaused()).isTrue();
    // A bare POST, without a body or a Content-Type.
    given()
        .auth()
        .oauth2(tenantToken(tenant))
        .post(path + "/unpause")
        .then()
        .statusCode(200)
        .body("state.paused", equalTo(false));
    assertThat(describe(tenant, id).getSchedule().getState().isPaused()).isFalse();

    List<String> preview =
        as(tenantToken(tenant))
            .get(path + "/next-fires?count=3")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("times", String.class);
    assertThat(preview).hasSize(3);
    List<Instant> times = preview.stream().map(Instant::parse).toList();
    assertThat(Duration.between(times.get(0), times.get(1))).isEqualTo(Duration.ofHours(1));
    assertThat(Duration.between(times.get(1), times.get(2))).isEqualTo(Duration.ofHours(1));
    assertThat(times.get(0)).isAfter(Instant.now().minusSeconds(1));

    Instant start = Instant.parse("2026-01-05T00:30:00Z");
    as(tenantToken(tenant))
        .body(Map.of("startAt", start.toString(), "endAt", start.plusSeconds(3 * 3600).toString()))
        .post(path + "/backfill")
        .then()
        .statusCode(200);
    given().auth().oauth2(tenantToken(tenant)).post(path + "/trigger").then().statusCode(200);

    // Three hourly fires in the range (01:00, 02:00, 03:00) and the trigger.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (fires(tenant, id) < 4 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    Thread.sleep(1000);
    assertThat(fires(tenant, id)).isEqualTo(4);
  }

  @Test
  void clientMistakesAreProblemsAndWriteNothing() throws Exception {
    String tenant = tenantWithAgent();
    String id = create(tenant, hourly("kept")).then().statusCode(201).extract().path("id");
    String path = "/v1/schedules/" + id;
    long generation = generation(id);
    WrittenRows before = WrittenRows.snapshot();

    Map<String, Object> bad = hourly("bad");
    bad.put("timing", Map.of("cron", "0 9 * * *", "interval", "PT1H", "timeZone", "+02:00"));
    bad.put("overlap", "allow-up-to-3");
    bad.put("input", List.of("not", "an", "object"));
    JsonPath problem = problem(create(tenant, bad), 400).jsonPath();
    assertThat(problem.getList("violations.field"))
        .contains("timing.cron", "timing.timeZone", "overlap", "input");
    assertThat(problem.getString("violations.find { it.field == 'overlap' }.message"))
        .contains("skip, buffer-one, allow-all or allow-up-to");

    Map<String, Object> shortCatchup = hourly("bad");
    shortCatchup.put("catchupWindowSeconds", 5);
    problem(create(tenant, shortCatchup), 400);
    Map<String, Object> unknownField = hourly("bad");
    unknownField.put("maxConcurrent", 3);
    problem(create(tenant, unknownField), 400);
    Map<String, Object> unknownAgent = hourly("bad");
    unknownAgent.put("agentName", "nobody");
    problem(create(tenant, unknownAgent), 404);
    problem(create(tenant, hourly("kept")), 409);
    Map<String, Object> unknownVersion = hourly("bad");
    unknownVersion.put("version", 2);
    problem(create(tenant, unknownVersion), 404);
    problem(as(tenantToken(tenant)).body(Map.of("version", 2)).patch(path), 404);

    problem(
        as(tenantToken(tenant)).body(Map.of("timing", Map.of("interval", "PT0.5S"))).patch(path),
        400);
    problem(as(tenantToken(tenant)).body(Map.of("overlap", "terminate-other")).patch(path), 400);
    problem(as(tenantToken(tenant)).body(Map.of("catchupWindowSeconds", 1)).patch(path), 400);

    Instant start = Instant.parse("2026-01-05T00:00:00Z");
    problem(backfill(tenant, path, start, start.minusSeconds(3600)), 400);
    problem(backfill(tenant, path, start, start.plus(Duration.ofDays(32))), 400);
    problem(
        as(tenantToken(tenant)).body(Map.of("startAt", start.toString())).post(path + "/backfill"),
        400);

    problem(as(tenantToken(tenant)).get(path + "/next-fires?count=0"), 400);
    problem(as(tenantToken(tenant)).get(path + "/next-fires?count=11"), 400);
    problem(as(tenantToken(tenant)).get("/v1/schedules?limit=0"), 400);
    problem(as(tenantToken(tenant)).get("/v1/schedules?cursor=not-ours"), 400);
    problem(
        as(tenantToken(tenant)).body(Map.of("note", "x".repeat(1001))).post(path + "/pause"), 400);
    problem(
        given()
            .auth()
            .oauth2(tenantToken(tenant))
            .contentType("text/plain")
            .body("maintenance")
            .post(path + "/pause"),
        415);

    before.assertNothingWritten();
    assertThat(generation(id)).isEqualTo(generation);
    assertThat(describe(tenant, id).getSchedule().getState().isPaused()).isFalse();
  }

  @Test
  void anotherTenantsScheduleIsNotFoundOnEveryEndpointAndRolesApply() {
    String owner = tenantWithAgent();
    String id = create(owner, hourly("mine")).then().statusCode(201).extract().path("id");
    String path = "/v1/schedules/" + id;
    String other = TestApi.newTenant();
    String stranger = tenantToken(other);
    Map<String, Object> range =
        Map.of("startAt", "2026-01-05T00:00:00Z", "endAt", "2026-01-05T03:00:00Z");

    as(stranger).get(path).then().statusCode(404);
    as(stranger).body(Map.of("overlap", "allow-all")).patch(path).then().statusCode(404);
    as(stranger).delete(path).then().statusCode(404);
    as(stranger).post(path + "/pause").then().statusCode(404);
    as(stranger).post(path + "/unpause").then().statusCode(404);
    as(stranger).post(path + "/trigger").then().statusCode(404);
    as(stranger).body(range).post(path + "/backfill").then().statusCode(404);
    as(stranger).get(path + "/next-fires").then().statusCode(404);
    as(stranger).get("/v1/schedules").then().statusCode(200).body("items", equalTo(List.of()));

    String viewer = tokenWithRoles(owner, "viewer");
    as(viewer).get(path).then().statusCode(200).body("$", hasKey("state"));
    as(viewer).get("/v1/schedules").then().statusCode(200).body("items.id", hasItems(id));
    as(viewer).get(path + "/next-fires").then().statusCode(200);
    as(viewer).body(hourly("theirs")).post("/v1/schedules").then().statusCode(403);
    as(viewer).body(Map.of("overlap", "allow-all")).patch(path).then().statusCode(403);
    as(viewer).delete(path).then().statusCode(403);
    as(viewer).post(path + "/pause").then().statusCode(403);
    as(viewer).post(path + "/unpause").then().statusCode(403);
    as(viewer).post(path + "/trigger").then().statusCode(403);
    as(viewer).body(range).post(path + "/backfill").then().statusCode(403);
    // A runner starts runs, it does not manage schedules.
    as(tokenWithRoles(owner, "runner")).post(path + "/trigger").then().statusCode(403);
    given().get(path).then().statusCode(401);
    given().post(path + "/trigger").then().statusCode(401);

    // Nothing the others tried changed it.
    as(tenantToken(owner))
        .get(path)
        .then()
        .statusCode(200)
        .body("overlap", equalTo("skip"))
        .body("state.paused", equalTo(false))
        .body("state.fires", equalTo(0));
  }

  static Response create(String tenant, Map<String, Object> body) {
    return as(tenantToken(tenant)).body(body).post("/v1/schedules");
  }

  static Map<String, Object> hourly(String name) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("agentName", "digest");
    body.put("input", Map.of("topic", "news"));
    body.put("timing", Map.of("interval", "PT1H"));
    return body;
  }

  private static Response backfill(String tenant, String path, Instant startAt, Instant endAt) {
    return as(tenantToken(tenant))
        .body(Map.of("startAt", startAt.toString(), "endAt", endAt.toString()))
        .post(path + "/backfill");
  }

  static Response problem(Response answer, int status) {
    answer.then().statusCode(status).contentType("application/problem+json");
    return answer;
  }

  private static List<String> listNames(String tenant) {
    return as(tenantToken(tenant))
        .get("/v1/schedules")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.name");
  }

  private static int fires(String tenant, String id) {
    return as(tenantToken(tenant))
        .get("/v1/schedules/" + id)
        .then()
        .statusCode(200)
        .extract()
        .path("state.fires");
  }

  private ScheduleDescription describe(String tenant, String id) {
    return temporal.getHandle(ScheduleActions.scheduleId(tenant, UUID.fromString(id))).describe();
  }

  static long generation(String id) throws Exception {
    try (var c = TestApi.db();
        var s = c.prepareStatement("select generation from schedule where id = ?")) {
      s.setObject(1, UUID.fromString(id));
      try (var rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getLong(1);
      }
    }
  }

  static String tenantWithAgent() {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "digest");
    return tenant;
  }
}
