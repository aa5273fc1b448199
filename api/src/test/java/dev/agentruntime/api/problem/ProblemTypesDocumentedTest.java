package dev.agentruntime.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.api.ApiDoc;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The error table of docs/api.md lists exactly the problem types the API answers with, each under
 * its status. The types are read from the API's sources: every answer is built from a status and a
 * type literal next to each other ({@code Answer.of(409, "conflict", ...)}, {@code build(503,
 * "database-unavailable", ...)}, {@code problems.send(context, 414, "uri-too-long", ...)}), and
 * what Quarkus itself raises gets the type of its status's reason phrase ({@link
 * ProblemMappers#slugOf}) for the statuses {@code ProblemMappers.webApplication} describes.
 */
class ProblemTypesDocumentedTest {

  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Pattern ANSWER =
      Pattern.compile("\\b([45]\\d\\d),\\s*\"([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\"");
  private static final Pattern GENERIC_STATUS = Pattern.compile("case (4\\d\\d) ->");

  @Test
  void theErrorTableListsEveryProblemTypeTheApiAnswersWithUnderItsStatus() throws IOException {
    Set<String> documented = new TreeSet<>();
    for (List<String> row : ApiDoc.table(ApiDoc.read().section("Errors"), "status")) {
      documented.add(row.get(0) + " " + ApiDoc.code(row.get(1)));
    }
    assertThat(documented).isEqualTo(produced());
  }

  @Test
  void theSourceScanFindsTheTypesEveryKindOfProducerWrites() throws IOException {
    // Guards the scan itself: one type of each producer (domain exceptions, JSON errors, the
    // mappers, the request limits, the signing key check, Quarkus's own answers).
    assertThat(produced())
        .contains(
            "409 conflict",
            "400 unknown-field",
            "503 database-unavailable",
            "414 uri-too-long",
            "503 signing-keys-unchecked",
            "405 method-not-allowed");
  }

  /** "STATUS type" of every answer the API's code can give. */
  private static Set<String> produced() throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher answer = ANSWER.matcher(Files.readString(file));
        while (answer.find()) {
          out.add(answer.group(1) + " " + answer.group(2));
        }
      }
    }
    String mappers =
        Files.readString(SOURCES.resolve("dev/agentruntime/api/problem/ProblemMappers.java"));
    Matcher generic = GENERIC_STATUS.matcher(mappers);
    while (generic.find()) {
      int status = Integer.parseInt(generic.group(1));
      String reason = Response.Status.fromStatusCode(status).getReasonPhrase();
      out.add(status + " " + ProblemMappers.slugOf(reason));
    }
    return out;
  }
}
