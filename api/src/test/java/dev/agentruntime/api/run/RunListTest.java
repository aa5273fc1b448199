package dev.agentruntime.api.run;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/runs}: filters, keyset paging under concurrent inserts, cursor binding, tenancy.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunListTest {

  private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

  @Test
  void theStatusFilterAnswersOnlyRunsInTheGivenStatusesAndTakesSeveral() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "st");
    String queued = startRun(tenant, "st");
    String running = startRun(tenant, "st");
    String failed = startRun(tenant, "st");
    String cancelling = startRun(tenant, "st");
    setStatus(running, "running");
    setStatus(failed, "failed");
    setStatus(cancelling, "cancelling");

    assertThat(ids(tenant, Map.of("status", "running"))).containsExactly(running);
    assertThat(ids(tenant, Map.of("status", "cancelling"))).containsExactly(cancelling);
    assertThat(ids(tenant, Map.of("status", List.of("failed", "queued", "failed"))))
        .containsExactly(failed, queued);
    assertThat(ids(tenant, Map.of("status", "succeeded"))).isEmpty();
    assertThat(ids(tenant, Map.of())).containsExactly(cancelling, failed, running, queued);
  }

  @Test
  void theAgentFilterAnswersOnlyThatAgentsRuns() {
    String tenant = TestApi.newTenant();
    String alpha = TestApi.agentWithVersion(tenant, "alpha");
    String beta = TestApi.agentWithVersion(tenant, "beta");
    String a1 = startRun(tenant, "alpha");
    String b1 = startRun(tenant, "beta");
    String a2 = startRun(tenant, "alpha");

    assertThat(ids(tenant, Map.of("agentId", alpha))).containsExactly(a2, a1);
    assertThat(ids(tenant, Map.of("agentId", beta))).containsExactly(b1);
    assertThat(ids(tenant, Map.of("agentId", UUID.randomUUID().toString()))).isEmpty();
    assertThat(ids(tenant, Map.of("agentName", "alpha"))).containsExactly(a2, a1);
    assertThat(ids(tenant, Map.of("agentName", "beta", "agentId", beta))).containsExactly(b1);
    assertThat(ids(tenant, Map.of("agentName", "beta", "agentId", alpha))).isEmpty();
    assertThat(ids(tenant, Map.of("agentName", "gamma"))).isEmpty();
    // Another tenant's agent of the same name shows none of these runs.
    String other = TestApi.newTenant();
    TestApi.agentWithVersion(other, "alpha");
    assertThat(ids(other, Map.of("agentName", "alpha"))).isEmpty();
  }

  @Test
  void theOriginFilterAnswersOnlyRunsFromThatOriginAndEveryRunShowsItsOrigin() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "origins");
    String fromApi = startRun(tenant, "origins");
    String fromSchedule = startRun(tenant, "origins");
    String alsoFromApi = startRun(tenant, "origins");
    // The row a schedule's fire writes (V13): its origin, the schedule and the scheduled time.
    update(
        "update run set origin = 'schedule', schedule_id = '6f1c8a52-6b8e-4a53-9d1e-0e2f0c9a7b11',"
            + " scheduled_at = '2026-03-02T09:00:00Z' where id = ?::uuid",
        fromSchedule);

    assertThat(ids(tenant, Map.of("origin", "schedule"))).containsExactly(fromSchedule);
    assertThat(ids(tenant, Map.of("origin", "api"))).containsExactly(alsoFromApi, fromApi);
    assertThat(ids(tenant, Map.of("origin", "parent"))).isEmpty();
    assertThat(page(tenant, Map.of(), null).getList("items.origin", String.class))
        .containsExactly("api", "schedule", "api");
    // A schedule's run names the schedule and the fire's time; the others name none.
    assertThat(page(tenant, Map.of(), null).getList("items.scheduleId", String.class))
        .containsExactly(null, "6f1c8a52-6b8e-4a53-9d1e-0e2f0c9a7b11", null);
    assertThat(page(tenant, Map.of(), null).getList("items.scheduledAt", String.class))
        .containsExactly(null, "2026-03-02T09:00:00Z", null);
    // A cursor of the api listing does not continue the schedule listing.
    String cursor = page(tenant, Map.of("origin", "api", "limit", 1), null).getString("nextCursor");
    assertBadCursor(list(tenant, Map.of("origin", "schedule", "limit", 1), cursor));
  }

  @Test
  void theCreationRangeIncludesItsStartAndExcludesItsEnd() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "range");
    List<String> runs = IntStream.range(0, 4).mapToObj(i -> startRun(tenant, "range")).toList();
    for (int i = 0; i < runs.size(); i++) {
      setCreatedAt(runs.get(i), T0.plusSeconds(60L * i)); // 10:00, 10:01, 10:02, 10:03
    }

    assertThat(ids(tenant, Map.of("createdAfter", "2030-01-01T10:01:00Z")))
        .containsExactly(runs.get(3), runs.get(2), runs.get(1));
    assertThat(ids(tenant, Map.of("createdBefore", "2030-01-01T10:01:00Z")))
        .containsExactly(runs.get(0));
    assertThat(
            ids(
                tenant,
                Map.of(
                    "createdAfter", "2030-01-01T10:01:00Z",
                    "createdBefore", "2030-01-01T10:03:00Z")))
        .containsExactly(runs.get(2), runs.get(1));
    // The same instants written with an offset, lower-case separators and a fraction.
    assertThat(
            ids(
                tenant,
                Map.of(
                    "createdAfter", "2030-01-01t12:01:00.000+02:00",
                    "createdBefore", "2030-01-01T10:03:00z")))
        .containsExactly(runs.get(2), runs.get(1));
    // Finer than the stored microseconds: 10:00:59.9999995 rounds up, still before 10:01.
    assertThat(ids(tenant, Map.of("createdAfter", "2030-01-01T10:00:59.9999995Z")))
        .containsExactly(runs.get(3), runs.get(2), runs.get(1));
    // An empty window, and offsets beyond what java.time holds (RFC 3339 allows up to 23:59).
    assertThat(
            ids(
                tenant,
                Map.of(
                    "createdAfter",
                    "2030-01-01T10:03:00Z",
                    "createdBefore",
                    "2030-01-01T10:00:00Z")))
        .isEmpty();
    assertThat(
            ids(
                tenant,
                Map.of(
                    "createdAfter", "0001-01-01T00:00:00+23:59",
                    "createdBefore", "9999-12-31T23:59:59-23:59")))
        .hasSize(4);
  }

  @Test
  void filtersCombine() throws Exception {
    String tenant = TestApi.newTenant();
    String alpha = TestApi.agentWithVersion(tenant, "alpha");
    TestApi.agentWithVersion(tenant, "beta");
    String oldAlphaRunning = startRun(tenant, "alpha");
    String alphaRunning = startRun(tenant, "alpha");
    String alphaQueued = startRun(tenant, "alpha");
    String betaRunning = startRun(tenant, "beta");
    setCreatedAt(oldAlphaRunning, T0);
    setCreatedAt(alphaRunning, T0.plusSeconds(3600));
    setCreatedAt(alphaQueued, T0.plusSeconds(3601));
    setCreatedAt(betaRunning, T0.plusSeconds(3602));
    setStatus(oldAlphaRunning, "running");
    setStatus(alphaRunning, "running");
    setStatus(betaRunning, "running");

    assertThat(
            ids(
                tenant,
                Map.of(
                    "agentId", alpha,
                    "status", "running",
                    "createdAfter", "2030-01-01T10:30:00Z")))
        .containsExactly(alphaRunning);
    assertThat(ids(tenant, Map.of("agentId", alpha, "status", List.of("running", "queued"))))
        .containsExactly(alphaQueued, alphaRunning, oldAlphaRunning);
  }

  @Test
  void pagingWhileRunsAreInsertedAnswersEveryEarlierRunOnceAndNoneInsertedMeanwhile() {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "pager");
    List<String> existing = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      existing.add(0, startRun(tenant, "pager")); // newest first
    }

    List<String> seen = new ArrayList<>();
    Set<String> insertedMeanwhile = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonPath page = page(tenant, Map.of("limit", 5), cursor);
      seen.addAll(page.getList("items.id", String.class));
      cursor = page.getString("nextCursor");
      pages++;
      // Newer runs arrive between the reads of one listing.
      insertedMeanwhile.add(startRun(tenant, "pager"));
      insertedMeanwhile.add(startRun(tenant, "pager"));
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).as("every run that existed, once each, in order").isEqualTo(existing);
    assertThat(seen).doesNotContainAnyElementsOf(insertedMeanwhile);
    // A listing started now sees them.
    assertThat(ids(tenant, Map.of("limit", 100))).containsAll(insertedMeanwhile).hasSize(18);
  }

  @Test
  void runsSharingACreationTimeAreNeitherRepeatedNorSkippedAcrossPages() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "ties");
    List<String> runs = IntStream.range(0, 7).mapToObj(i -> startRun(tenant, "ties")).toList();
    for (String run : runs) {
      setCreatedAt(run, T0);
    }
    List<String> seen = new ArrayList<>();
    List<String> insertedMeanwhile = new ArrayList<>();
    String cursor = null;
    do {
      JsonPath page = page(tenant, Map.of("limit", 2), cursor);
      seen.addAll(page.getList("items.id", String.class));
      cursor = page.getString("nextCursor");
      if (insertedMeanwhile.isEmpty()) {
        // Inserted with the very creation time being paged (another API node's clock): it did not
        // exist at the start, so it may or may not be answered, but must not disturb the others.
        String late = startRun(tenant, "ties");
        setCreatedAt(late, T0);
        insertedMeanwhile.add(late);
      }
    } while (cursor != null);

    assertThat(seen).doesNotHaveDuplicates();
    List<String> existing = seen.stream().filter(id -> !insertedMeanwhile.contains(id)).toList();
    // Every one exactly once, ties broken by id descending, as the database orders UUIDs.
    assertThat(existing).isEqualTo(sortedByIdDescending(runs));
  }

  @Test
  void aCursorOnlyContinuesTheListingItWasMadeFor() {
    String tenant = TestApi.newTenant();
    String agent = TestApi.agentWithVersion(tenant, "bound");
    for (int i = 0; i < 3; i++) {
      startRun(tenant, "bound");
    }
    Map<String, Object> filters =
        Map.of("status", List.of("queued", "running"), "agentId", agent, "limit", 1);
    String cursor = page(tenant, filters, null).getString("nextCursor");
    assertThat(cursor).isNotNull();

    // The same filters, said in another order and with another page size, continue it.
    JsonPath next =
        page(
            tenant,
            Map.of("status", List.of("running", "queued", "queued"), "agentId", agent, "limit", 2),
            cursor);
    assertThat(next.getList("items.id", String.class)).hasSize(2);
    assertThat(next.getString("nextCursor")).isNull();

    assertBadCursor(list(tenant, Map.of(), cursor));
    assertBadCursor(list(tenant, Map.of("status", "queued", "agentId", agent), cursor));
    assertBadCursor(
        list(
            tenant,
            Map.of(
                "status",
                List.of("queued", "running"),
                "agentId",
                agent,
                "createdAfter",
                "2000-01-01T00:00:00Z"),
            cursor));
  }

  @Test
  void aCursorThatDoesNotDecodeIsABadRequestNamingIt() {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "garbage");
    startRun(tenant, "garbage");
    startRun(tenant, "garbage");
    String cursor = page(tenant, Map.of("limit", 1), null).getString("nextCursor");

    for (String garbage :
        List.of(
            "",
            "abc",
            "not a cursor",
            "%00",
            "A".repeat(300),
            cursor.substring(0, cursor.length() - 4),
            cursor + "=",
            cursor + "AAAA",
            java.util.Base64.getUrlEncoder().encodeToString("1|x|y|z".getBytes()))) {
      Response answer = list(tenant, Map.of("limit", 1), garbage);
      assertThat(answer.statusCode()).as("cursor=%s", garbage).isEqualTo(400);
      assertBadCursor(answer);
    }
  }

  @Test
  void filterValuesThatDoNotParseAreBadRequestsNamingTheParameter() {
    String tenant = TestApi.newTenant();
    Map<String, List<String>> bad =
        Map.of(
            "status",
            List.of("QUEUED", "bogus", "", "done"),
            "agentId",
            List.of("not-a-uuid", "1-1-1-1-1", ""),
            "origin",
            List.of("API", "carrier-pigeon", ""),
            "agentName",
            List.of("", "a".repeat(64)),
            "createdAfter",
            List.of(
                "2030-01-01",
                "2030-01-01T12:99:00Z",
                "2030-02-30T00:00:00Z",
                "2030-01-01T23:59:60Z",
                "2030-01-01 10:00:00Z",
                "2030-01-01T10:00:00",
                "2030-01-01T10:00:00+24:00",
                "2030-01-01T10:00:00.1234567891Z",
                "yesterday",
                ""),
            "createdBefore",
            List.of("1700000000", "2030-01-01T10:00Z"),
            "limit",
            List.of("0", "101", "ten", ""));
    bad.forEach(
        (parameter, values) -> {
          for (String value : values) {
            Response answer = list(tenant, Map.of(parameter, value), null);
            assertThat(answer.statusCode()).as("%s=%s", parameter, value).isEqualTo(400);
            answer
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(parameter));
          }
        });
  }

  @Test
  void aTenantNeverSeesAnotherTenantsRunsAndAnotherTenantsCursorRevealsNothing() {
    String a = TestApi.newTenant();
    String b = TestApi.newTenant();
    String agentA = TestApi.agentWithVersion(a, "shared-name");
    TestApi.agentWithVersion(b, "shared-name");
    List<String> runsA = IntStream.range(0, 3).mapToObj(i -> startRun(a, "shared-name")).toList();
    String runB = startRun(b, "shared-name");

    assertThat(ids(b, Map.of("limit", 100))).containsExactly(runB);
    assertThat(ids(b, Map.of("agentId", agentA))).isEmpty();
    assertThat(ids(b, Map.of("status", "queued"))).containsExactly(runB);

    // A's cursor, presented by B with the very same filters: refused, and nothing of A's in it.
    String cursorA = page(a, Map.of("limit", 1), null).getString("nextCursor");
    Response answer = list(b, Map.of("limit", 1), cursorA);
    assertBadCursor(answer);
    String body = answer.asString();
    for (String run : runsA) {
      assertThat(body).doesNotContain(run);
    }
    assertThat(body).doesNotContain(agentA).doesNotContain(a);
  }

  @Test
  void anEmptyListingHasNoItemsAndNoCursor() {
    String tenant = TestApi.newTenant();
    as(tenantToken(tenant))
        .get("/v1/runs")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0))
        .body("nextCursor", nullValue());
  }

  private static void assertBadCursor(Response response) {
    response
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("https://agent-runtime.dev/problems/invalid-parameter"))
        .body("violations.field", hasItem("cursor"));
  }

  private static List<String> sortedByIdDescending(List<String> runs) throws SQLException {
    List<String> sorted = new ArrayList<>();
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement(
                "select id::text from run where id = any(?::uuid[]) order by id desc")) {
      s.setArray(1, c.createArrayOf("text", runs.toArray()));
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          sorted.add(rs.getString(1));
        }
      }
    }
    return sorted;
  }

  private static String startRun(String tenant, String agentName) {
    return as(tenantToken(tenant))
        .body(Map.of("agentName", agentName, "input", Map.of()))
        .post("/v1/runs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  private static Response list(String tenant, Map<String, ?> query, String cursor) {
    RequestSpecification request = as(tenantToken(tenant));
    query.forEach(
        (name, value) -> {
          if (value instanceof List<?> values) {
            request.queryParam(name, values);
          } else {
            request.queryParam(name, value);
          }
        });
    if (cursor != null) {
      request.queryParam("cursor", cursor);
    }
    return request.get("/v1/runs");
  }

  private static JsonPath page(String tenant, Map<String, ?> query, String cursor) {
    return list(tenant, query, cursor).then().statusCode(200).extract().jsonPath();
  }

  /** The ids of every page of a listing, newest first. */
  private static List<String> ids(String tenant, Map<String, ?> query) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      JsonPath page = page(tenant, query, cursor);
      ids.addAll(page.getList("items.id", String.class));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return ids;
  }

  /** What the worker's projection does when a run changes status. */
  private static void setStatus(String runId, String status) throws SQLException {
    update("update run set status = ? where id = ?::uuid", status, runId);
  }

  /** Places a run at a fixed creation time (runs admitted within a test are microseconds apart). */
  private static void setCreatedAt(String runId, Instant createdAt) throws SQLException {
    update(
        "update run set created_at = ? where id = ?::uuid",
        OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC),
        runId);
  }

  private static void update(String sql, Object... params) throws SQLException {
    try (Connection c = TestApi.db();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }
}
