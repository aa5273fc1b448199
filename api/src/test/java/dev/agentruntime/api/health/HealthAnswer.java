package dev.agentruntime.api.health;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a health endpoint answered: its HTTP status, each named check's status, and how long the
 * answer took (the request alone, not the client's first-use set-up or the parsing).
 */
record HealthAnswer(int httpStatus, Map<String, String> checks, Duration took) {

  /** {@code /q/health/ready}: what load balancers act on. */
  static HealthAnswer readiness() {
    return of("/q/health/ready");
  }

  /** {@code /q/health/group/dependencies}: Temporal and Redis, for monitoring. */
  static HealthAnswer dependencies() {
    return of("/q/health/group/" + DependencyHealth.GROUP);
  }

  private static HealthAnswer of(String path) {
    given().get("/q/health/live").then().statusCode(200);
    long started = System.nanoTime();
    var response = given().get(path);
    String body = response.asString();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Map<String, String> checks = new TreeMap<>();
    for (Map<String, Object> check : new JsonPath(body).<Map<String, Object>>getList("checks")) {
      checks.put((String) check.get("name"), (String) check.get("status"));
    }
    return new HealthAnswer(response.statusCode(), checks, took);
  }
}
