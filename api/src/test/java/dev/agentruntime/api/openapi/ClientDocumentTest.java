package dev.agentruntime.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.ApiTestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Java client ({@code client/}) is generated from a copy of the document this API serves: the
 * client module must not depend on the api module, and the served document exists only once the
 * resources are scanned. This test fails when the copy and the served document differ, and leaves
 * the served one in {@code target/} to copy over the stale one.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ClientDocumentTest {

  static final Path CLIENT_COPY = Path.of("../client/src/main/openapi/agent-runtime-api.json");
  private static final Path SERVED = Path.of("target/agent-runtime-api.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theClientIsGeneratedFromTheServedDocument() throws Exception {
    JsonNode served = ServedDocument.fetch().root();
    JsonNode copy = Files.exists(CLIENT_COPY) ? JSON.readTree(CLIENT_COPY.toFile()) : null;
    if (!served.equals(copy)) {
      Files.writeString(
          SERVED, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
    }
    assertThat(copy)
        .as(
            "%s differs from the document the API serves: cp api/%s client/src/main/openapi/ and"
                + " rebuild the client",
            CLIENT_COPY, SERVED)
        .isEqualTo(served);
  }
}
