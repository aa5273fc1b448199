package dev.agentruntime.cli;

import dev.agentruntime.client.ApiClient;
import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.model.ArtifactResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentctl artifacts list RUN|get RUN NAME [-o FILE]}: what a run wrote. */
@Command(
    name = "artifacts",
    mixinStandardHelpOptions = true,
    description = "A run's artifacts: list them, or download one (to a file or stdout).")
final class ArtifactsCommand {

  @Spec CommandSpec spec;

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The run's artifacts.")
  int list(@Parameters(paramLabel = "RUN") String run, @Mixin OutputOptions output)
      throws ApiException {
    Session session = AgentCtl.root(spec).session();
    UUID id = Lookups.uuid(run, "RUN");
    List<ArtifactResponse> artifacts =
        session.read(() -> session.client().runs().listArtifacts(id));
    if (output.json()) {
      session.printLastJson();
      return ExitCode.OK;
    }
    Table table = new Table("NAME", "TYPE", "BYTES", "SHA256", "CREATED");
    artifacts.forEach(
        a ->
            table.row(
                a.getName(),
                a.getContentType(),
                a.getSizeBytes(),
                Lookups.shortHash(a.getSha256()),
                a.getCreatedAt()));
    table.print(session.out());
    return ExitCode.OK;
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Download an artifact's bytes, checked against its SHA-256 (the ETag).")
  int get(
      @Parameters(index = "0", paramLabel = "RUN") String run,
      @Parameters(index = "1", paramLabel = "NAME") String name,
      @Option(
              names = {"-o", "--output"},
              paramLabel = "FILE",
              description = "Write to FILE (replaced only once complete); default: stdout.")
          Path file)
      throws ApiException {
    Session session = AgentCtl.root(spec).session();
    UUID id = Lookups.uuid(run, "RUN");
    // The generated getArtifactContent buffers the bytes in a temporary file first; this streams
    // them, through the same generated ApiClient (base URI, HTTP client, the bearer interceptor).
    ApiClient api = session.client().apiClient();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    api.getBaseUri()
                        + "/v1/runs/"
                        + id
                        + "/artifacts/"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                        + "/content"))
            .header("Accept", "*/*, application/problem+json")
            .GET();
    api.getRequestInterceptor().accept(request);
    HttpResponse<InputStream> answer = session.read(() -> send(api, request.build()));
    String etag = answer.headers().firstValue("ETag").orElse("").replace("\"", "");
    try (InputStream in = answer.body()) {
      String sha256;
      if (file == null) {
        sha256 = copy(in, session.out());
        session.out().flush();
      } else {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        try (OutputStream out = Files.newOutputStream(temp)) {
          sha256 = copy(in, out);
        }
        if (!etag.isEmpty() && !etag.equals(sha256)) {
          Files.deleteIfExists(temp);
        } else {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      if (!etag.isEmpty() && !etag.equals(sha256)) {
        throw new CliFailure(
            ExitCode.OTHER,
            "the bytes received hash to " + sha256 + ", not the artifact's " + etag);
      }
    } catch (IOException e) {
      throw new CliFailure(ExitCode.UNREACHABLE, "the download failed: " + e.getMessage(), e);
    }
    return ExitCode.OK;
  }

  private static HttpResponse<InputStream> send(ApiClient api, HttpRequest request)
      throws ApiException {
    try {
      HttpResponse<InputStream> answer =
          api.getHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (answer.statusCode() / 100 != 2) {
        String body;
        try (InputStream in = answer.body()) {
          body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        throw new ApiException(answer.statusCode(), "download refused", answer.headers(), body);
      }
      return answer;
    } catch (IOException e) {
      throw new ApiException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(e);
    }
  }

  private static String copy(InputStream in, OutputStream out) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      in.transferTo(new DigestOutputStream(out, digest));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
