package dev.agentruntime.api.openapi;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.problem.Problem;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An operation whose success has no body documents only problem+json, so a generated client asks
 * for {@code Accept: application/problem+json} alone: the API must answer it (here the 404 of an id
 * that does not exist), not refuse it with 406 before the operation runs.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class NoContentAcceptTest {

  @Test
  void everyOperationWithoutASuccessBodyAnswersAClientThatAcceptsOnlyProblems() throws Exception {
    Map<String, JsonNode> noBody = new TreeMap<>();
    ServedDocument.fetch()
        .apiOperations()
        .forEach(
            (name, operation) -> {
              boolean bodiless = true;
              for (var status = operation.path("responses").fields(); status.hasNext(); ) {
                var answer = status.next();
                if (answer.getKey().startsWith("2") && answer.getValue().has("content")) {
                  bodiless = false;
                }
              }
              if (bodiless) {
                noBody.put(name, operation);
              }
            });
    assertThat(noBody.keySet()).contains("DELETE /v1/schedules/{id}", "DELETE /v1/secrets/{name}");

    String token = tenantToken(TestApi.newTenant());
    for (String name : noBody.keySet()) {
      String method = name.substring(0, name.indexOf(' '));
      String path =
          name.substring(name.indexOf(' ') + 1)
              .replace("{name}", "NO_SUCH_SECRET")
              .replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
      Response answer = as(token).accept(Problem.MEDIA_TYPE).request(method, path);
      assertThat(answer.statusCode()).as(name).isEqualTo(404);
      assertThat(answer.contentType()).as(name).startsWith(Problem.MEDIA_TYPE);
    }
  }
}
