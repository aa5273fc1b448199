package dev.agentruntime.api.run.approval;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static dev.agentruntime.api.run.approval.TestApprovals.approval;
import static dev.agentruntime.api.run.approval.TestApprovals.later;
import static dev.agentruntime.api.run.approval.TestApprovals.runOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.run.approval.TestApprovals.Run;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/approvals}: the approvals of every run of the tenant, newest first, filtered,
 * paged by cursor, and never another tenant's.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TenantApprovalResourceTest {

  /** A tenant with two agents and a run of each. */
  private record Tenant(String id, String gatedAgent, String otherAgent, Run gated, Run other) {
    static Tenant create() {
      String tenant = TestApi.newTenant();
      String gatedAgent = TestApi.agentWithVersion(tenant, "gated");
      String otherAgent = TestApi.agentWithVersion(tenant, "other");
      return new Tenant(
          tenant, gatedAgent, otherAgent, runOf(tenant, "gated"), runOf(tenant, "other"));
    }
  }

  private static final Instant BASE =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);

  private static Instant at(int seconds) {
    return BASE.plusSeconds(seconds);
  }

  @Test
  void theApprovalsOfEveryRunOfTheTenantAreListedNewestFirstWithTheirAgent() throws Exception {
    Tenant t = Tenant.create();
    String oldest = approval(t.gated(), "approved", later(), at(0));
    String middle = approval(t.other(), "pending", later(), at(1));
    String newest = approval(t.gated(), "pending", later(), at(2));

    for (String role : List.of("viewer", "runner", "agent-admin", "approver")) {
      JsonPath page = page(tokenWithRoles(t.id(), role), Map.of(), null);
      assertThat(page.getList("items.id", String.class))
          .as(role)
          .containsExactly(newest, middle, oldest);
      assertThat(page.getString("nextCursor")).as(role).isNull();
    }
    JsonPath page = page(tenantToken(t.id()), Map.of(), null);
    assertThat(page.getList("items.runId", String.class))
        .containsExactly(t.gated().id(), t.other().id(), t.gated().id());
    assertThat(page.getList("items.agentId", String.class))
        .containsExactly(t.gatedAgent(), t.otherAgent(), t.gatedAgent());
    assertThat(page.getList("items.agentName", String.class))
        .containsExactly("gated", "other", "gated");
    assertThat(page.getString("items[2].status")).isEqualTo("approved");
    assertThat(page.getString("items[2].decidedBy")).isEqualTo("carol");
    assertThat(page.getString("items[0].argumentsSha256")).isEqualTo(TestApprovals.SHA);
  }

  @Test
  void statusAndAgentFilterTheListing() throws Exception {
    Tenant t = Tenant.create();
    String gatedPending = approval(t.gated(), "pending", later(), at(0));
    String gatedDenied = approval(t.gated(), "denied", later(), at(1));
    String otherPending = approval(t.other(), "pending", later(), at(2));
    String otherExpired = approval(t.other(), "expired", Instant.now().minusSeconds(1), at(3));
    String token = tenantToken(t.id());

    assertThat(ids(token, Map.of("status", "pending"))).containsExactly(otherPending, gatedPending);
    assertThat(ids(token, Map.of("status", "denied"))).containsExactly(gatedDenied);
    assertThat(ids(token, Map.of("status", "expired"))).containsExactly(otherExpired);
    assertThat(ids(token, Map.of("status", "cancelled"))).isEmpty();
    assertThat(ids(token, Map.of("agentId", t.otherAgent())))
        .containsExactly(otherExpired, otherPending);
    assertThat(ids(token, Map.of("agentId", t.gatedAgent(), "status", "pending")))
        .containsExactly(gatedPending);
    assertThat(ids(token, Map.of("agentId", UUID.randomUUID().toString()))).isEmpty();
  }

  @Test
  void pagingAnswersEveryApprovalOnceInOrderAcrossTiedRequestTimes() throws Exception {
    Tenant t = Tenant.create();
    List<String> written = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    // Three requested in the same microsecond: a page boundary falls among them.
    for (int i = 0; i < 9; i++) {
      Run run = i % 2 == 0 ? t.gated() : t.other();
      String status = i % 3 == 0 ? "approved" : "pending";
      String id = approval(run, status, later(), at(i < 3 ? 0 : i));
      written.add(id);
      if (status.equals("pending")) {
        pending.add(id);
      }
    }
    String token = tenantToken(t.id());

    for (int limit : List.of(1, 2, 4, 200)) {
      List<String> listed = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        JsonPath page = page(token, Map.of("limit", limit), cursor);
        List<String> items = page.getList("items.id", String.class);
        assertThat(items).hasSizeLessThanOrEqualTo(limit).isNotEmpty();
        listed.addAll(items);
        cursor = page.getString("nextCursor");
        pages++;
      } while (cursor != null);
      assertThat(listed).as("limit %d", limit).doesNotHaveDuplicates();
      assertThat(listed).as("limit %d", limit).isEqualTo(newestFirst(t.id(), null));
      assertThat(listed).containsExactlyInAnyOrderElementsOf(written);
      assertThat(pages).isEqualTo((written.size() + limit - 1) / limit);
    }
    assertThat(ids(token, Map.of("status", "pending", "limit", 2)))
        .isEqualTo(newestFirst(t.id(), "pending"))
        .containsExactlyInAnyOrderElementsOf(pending);
  }

  @Test
  void theDefaultPageIsFiftyAndAnEmptyListingHasNoCursor() throws Exception {
    Tenant t = Tenant.create();
    String token = tenantToken(t.id());
    as(token)
        .get("/v1/approvals")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0))
        .body("nextCursor", nullValue());
    for (int i = 0; i < 51; i++) {
      approval(i % 2 == 0 ? t.gated() : t.other(), "pending", later(), at(i));
    }
    JsonPath first = page(token, Map.of(), null);
    assertThat(first.getList("items")).hasSize(50);
    JsonPath second = page(token, Map.of(), first.getString("nextCursor"));
    assertThat(second.getList("items")).hasSize(1);
    assertThat(second.getString("nextCursor")).isNull();
  }

  @Test
  void parametersThatDoNotParseAreBadRequestsNamingThem() throws Exception {
    Tenant t = Tenant.create();
    approval(t.gated(), "pending", later(), at(0));
    approval(t.gated(), "pending", later(), at(1));
    String token = tenantToken(t.id());
    String cursor = page(token, Map.of("limit", 1), null).getString("nextCursor");
    assertThat(cursor).isNotNull();
    // A cursor of the run listing, of the same tenant: another listing's position.
    String runsCursor =
        as(token)
            .queryParam("limit", 1)
            .get("/v1/runs")
            .then()
            .statusCode(200)
            .extract()
            .path("nextCursor");
    assertThat(runsCursor).isNotNull();

    Map<String, List<String>> bad =
        Map.of(
            "status",
            List.of("PENDING", "bogus", "waiting", ""),
            "agentId",
            List.of("not-a-uuid", "1-1-1-1-1", ""),
            "limit",
            List.of("0", "201", "-1", "ten", ""),
            "cursor",
            List.of(
                "",
                "abc",
                "not a cursor",
                "A".repeat(300),
                cursor.substring(0, cursor.length() - 4),
                cursor + "=",
                cursor + "AAAA",
                Base64.getUrlEncoder().encodeToString("1|x|y|z".getBytes()),
                runsCursor));
    bad.forEach(
        (parameter, values) -> {
          for (String value : values) {
            Response answer = list(token, Map.of(parameter, value), null);
            assertThat(answer.statusCode()).as("%s=%s", parameter, value).isEqualTo(400);
            answer
                .then()
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(parameter));
          }
        });
    // The cursor of one filter does not continue another.
    Response other = list(token, Map.of("limit", 1, "status", "pending"), cursor);
    assertThat(other.statusCode()).isEqualTo(400);
    other
        .then()
        .body("type", equalTo("https://agent-runtime.dev/problems/invalid-parameter"))
        .body("violations.field", hasItem("cursor"));
  }

  @Test
  void anotherTenantSeesNoneOfTheTenantsApprovalsAndItsCursorRevealsNothing() throws Exception {
    Tenant a = Tenant.create();
    List<String> ofA =
        List.of(
            approval(a.gated(), "pending", later(), at(0)),
            approval(a.other(), "pending", later(), at(1)),
            approval(a.gated(), "approved", later(), at(2)));
    Tenant b = Tenant.create();
    String ofB = approval(b.gated(), "pending", later(), at(0));
    String tokenB = tenantToken(b.id());

    assertThat(ids(tokenB, Map.of())).containsExactly(ofB);
    assertThat(ids(tokenB, Map.of("status", "approved"))).isEmpty();
    assertThat(ids(tokenB, Map.of("agentId", a.gatedAgent()))).isEmpty();
    assertThat(ids(tokenWithRoles(b.id(), "approver"), Map.of("limit", 200))).containsExactly(ofB);

    // A's cursor, presented by B with the very same filters: refused, and nothing of A's in it.
    String cursorA = page(tenantToken(a.id()), Map.of("limit", 1), null).getString("nextCursor");
    Response answer = list(tokenB, Map.of("limit", 1), cursorA);
    answer
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", hasItem("cursor"));
    String body = answer.asString();
    for (String id : ofA) {
      assertThat(body).doesNotContain(id);
    }
    assertThat(body)
        .doesNotContain(a.id())
        .doesNotContain(a.gatedAgent())
        .doesNotContain(a.gated().id());
  }

  @Test
  void aTokenWithoutATenantRoleIsForbidden() throws Exception {
    Tenant t = Tenant.create();
    approval(t.gated(), "pending", later(), at(0));
    String noTenant =
        TestApi.tokens().mint("drifter", null, Set.of("viewer"), Duration.ofMinutes(5));

    for (String token :
        List.of(
            TestApi.platformAdminToken(),
            tokenWithRoles(t.id(), "platform-admin"),
            tokenWithRoles(t.id()),
            noTenant)) {
      as(token)
          .get("/v1/approvals")
          .then()
          .statusCode(403)
          .contentType("application/problem+json")
          .body("status", equalTo(403));
    }
  }

  /** The tenant's approvals in the listing's order, as PostgreSQL sorts them. */
  private static List<String> newestFirst(String tenant, String status) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement(
                "select id from run_approval where tenant_id = ? and (?::text is null or status"
                    + " = ?) order by requested_at desc, id desc")) {
      s.setString(1, tenant);
      s.setString(2, status);
      s.setString(3, status);
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  private static Response list(String token, Map<String, ?> query, String cursor) {
    RequestSpecification request = as(token);
    query.forEach((name, value) -> request.queryParam(name, value));
    if (cursor != null) {
      request.queryParam("cursor", cursor);
    }
    return request.get("/v1/approvals");
  }

  private static JsonPath page(String token, Map<String, ?> query, String cursor) {
    return list(token, query, cursor).then().statusCode(200).extract().jsonPath();
  }

  /** The ids of every page of a listing, newest first. */
  private static List<String> ids(String token, Map<String, ?> query) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      JsonPath page = page(token, query, cursor);
      ids.addAll(page.getList("items.id", String.class));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return ids;
  }
}
