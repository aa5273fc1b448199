package dev.agentruntime.api.schedule;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.schedule.ScheduleResourceTest.create;
import static dev.agentruntime.api.schedule.ScheduleResourceTest.generation;
import static dev.agentruntime.api.schedule.ScheduleResourceTest.hourly;
import static dev.agentruntime.api.schedule.ScheduleResourceTest.problem;
import static dev.agentruntime.api.schedule.ScheduleResourceTest.tenantWithAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WithTemporalServerServices;
import dev.agentruntime.api.WrittenRows;
import dev.agentruntime.core.workflow.ScheduleActions;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.ScheduleClient;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The overlap {@code allow-up-to} with its {@code maxConcurrentRuns} over HTTP on the real Temporal
 * server: stored on the row the slot rules read (V20), Temporal told to start every fire, the cap
 * kept or dropped by a {@code PATCH} as the overlap says, and every ill-formed pair a 400 naming
 * {@code maxConcurrentRuns} that writes nothing. RunSlotRepositoryTest holds the cap itself.
 */
@QuarkusTest
@WithTestResource(
    value = WithTemporalServerServices.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class ScheduleConcurrencyCapTest {

  @Inject ScheduleClient temporal;

  @Test
  void allowUpToIsStoredWithItsCapChangedByPatchAndDroppedWithTheOverlap() throws Exception {
    String tenant = tenantWithAgent();
    String id =
        create(tenant, capped("at-most-three", 3))
            .then()
            .statusCode(201)
            .body("overlap", equalTo("allow-up-to"))
            .body("maxConcurrentRuns", equalTo(3))
            .body("applied", equalTo(true))
            .extract()
            .path("id");
    assertThat(storedCap(id)).isEqualTo(3);
    assertThat(temporalOverlap(tenant, id))
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL);
    String path = "/v1/schedules/" + id;
    as(tenantToken(tenant))
        .get(path)
        .then()
        .statusCode(200)
        .body("overlap", equalTo("allow-up-to"))
        .body("maxConcurrentRuns", equalTo(3));

    as(tenantToken(tenant))
        .body(Map.of("maxConcurrentRuns", 5))
        .patch(path)
        .then()
        .statusCode(200)
        .body("overlap", equalTo("allow-up-to"))
        .body("maxConcurrentRuns", equalTo(5));
    // The cap stays through a change of something else.
    as(tenantToken(tenant))
        .body(Map.of("overlap", "allow-up-to", "pauseOnFailure", true))
        .patch(path)
        .then()
        .statusCode(200)
        .body("maxConcurrentRuns", equalTo(5));
    assertThat(storedCap(id)).isEqualTo(5);

    as(tenantToken(tenant))
        .body(Map.of("overlap", "buffer-one"))
        .patch(path)
        .then()
        .statusCode(200)
        .body("overlap", equalTo("buffer-one"))
        .body("maxConcurrentRuns", nullValue());
    assertThat(storedCap(id)).isNull();
    assertThat(temporalOverlap(tenant, id))
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE);

    as(tenantToken(tenant))
        .body(Map.of("overlap", "allow-up-to", "maxConcurrentRuns", 1))
        .patch(path)
        .then()
        .statusCode(200)
        .body("maxConcurrentRuns", equalTo(1));
    assertThat(storedCap(id)).isEqualTo(1);
  }

  @Test
  void aMissingOutOfRangeOrMisplacedCapIsA400NamingItThatWritesNothing() throws Exception {
    String tenant = tenantWithAgent();
    String skipping =
        create(tenant, hourly("skipping")).then().statusCode(201).extract().path("id");
    String capped = create(tenant, capped("capped", 2)).then().statusCode(201).extract().path("id");
    long skippingGeneration = generation(skipping);
    long cappedGeneration = generation(capped);
    WrittenRows before = WrittenRows.snapshot();

    Map<String, Object> missing = hourly("bad");
    missing.put("overlap", "allow-up-to");
    namesTheCap(create(tenant, missing));
    namesTheCap(create(tenant, capped("bad", 0)));
    namesTheCap(create(tenant, capped("bad", 1001)));
    Map<String, Object> misplaced = capped("bad", 3);
    misplaced.put("overlap", "allow-all");
    namesTheCap(create(tenant, misplaced));
    Map<String, Object> withoutOverlap = hourly("bad");
    withoutOverlap.put("maxConcurrentRuns", 3);
    namesTheCap(create(tenant, withoutOverlap));

    String skipPath = "/v1/schedules/" + skipping;
    namesTheCap(as(tenantToken(tenant)).body(Map.of("overlap", "allow-up-to")).patch(skipPath));
    namesTheCap(as(tenantToken(tenant)).body(Map.of("maxConcurrentRuns", 2)).patch(skipPath));
    String cappedPath = "/v1/schedules/" + capped;
    namesTheCap(as(tenantToken(tenant)).body(Map.of("maxConcurrentRuns", 0)).patch(cappedPath));
    namesTheCap(
        as(tenantToken(tenant))
            .body(Map.of("overlap", "skip", "maxConcurrentRuns", 2))
            .patch(cappedPath));

    before.assertNothingWritten();
    assertThat(generation(skipping)).isEqualTo(skippingGeneration);
    assertThat(generation(capped)).isEqualTo(cappedGeneration);
    assertThat(storedCap(capped)).isEqualTo(2);
  }

  private static void namesTheCap(Response answer) {
    assertThat(problem(answer, 400).jsonPath().getList("violations.field"))
        .contains("maxConcurrentRuns");
  }

  private static Map<String, Object> capped(String name, int maxConcurrentRuns) {
    Map<String, Object> body = hourly(name);
    body.put("overlap", "allow-up-to");
    body.put("maxConcurrentRuns", maxConcurrentRuns);
    return body;
  }

  private ScheduleOverlapPolicy temporalOverlap(String tenant, String id) {
    return temporal
        .getHandle(ScheduleActions.scheduleId(tenant, UUID.fromString(id)))
        .describe()
        .getSchedule()
        .getPolicy()
        .getOverlap();
  }

  private static Integer storedCap(String id) throws Exception {
    try (var c = TestApi.db();
        var s = c.prepareStatement("select max_concurrent_runs from schedule where id = ?")) {
      s.setObject(1, UUID.fromString(id));
      try (var rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return (Integer) rs.getObject(1);
      }
    }
  }
}
