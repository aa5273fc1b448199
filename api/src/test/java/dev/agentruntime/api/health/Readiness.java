package dev.agentruntime.api.health;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code /q/health/ready} answered: its HTTP status, each named check's status, and how long
 * the answer took (the request alone, not the client's first-use set-up or the parsing).
 */
record Readiness(int httpStatus, Map<String, String> checks, Duration took) {

  static Readiness now() {
    given().get("/q/health/live").then().statusCode(200);
    long started = System.nanoTime();
    var response = given().get("/q/health/ready");
    String body = response.asString();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Map<String, String> checks = new TreeMap<>();
    for (Map<String, Object> check : new JsonPath(body).<Map<String, Object>>getList("checks")) {
      checks.put((String) check.get("name"), (String) check.get("status"));
    }
    return new Readiness(response.statusCode(), checks, took);
  }
}
