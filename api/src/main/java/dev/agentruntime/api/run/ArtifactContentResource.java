package dev.agentruntime.api.run;

import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The bytes of a run's artifacts. A class of its own rather than a method of {@link RunResource}:
 * it answers in the artifact's media type, not JSON, and RunResource is large enough.
 */
@Tag(name = "Runs")
@Path("/v1/runs/{runId}/artifacts/{name}/content")
public class ArtifactContentResource {

  private static final Logger LOG = Logger.getLogger(ArtifactContentResource.class);

  private static final int BUFFER_BYTES = 64 * 1024;

  static final String NO_SNIFF_HEADER = "X-Content-Type-Options";

  private final ArtifactContents contents;
  private final CurrentTenant tenant;

  public ArtifactContentResource(ArtifactContents contents, CurrentTenant tenant) {
    this.contents = contents;
    this.tenant = tenant;
  }

  @GET
  // Any type: the answer's is the artifact's own; a refusal is problem+json whatever was asked.
  @Produces(MediaType.WILDCARD)
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "getArtifactContent",
      summary = "Download an artifact's bytes",
      description =
          "The bytes the run stored under `name` (the run's answer is the artifact `output`),"
              + " with the Content-Type it was stored with and its SHA-256 as the ETag.")
  @APIResponse(
      responseCode = "200",
      description = "The artifact's bytes",
      headers = {
        @Header(
            name = "ETag",
            description = "The quoted lower-case hex SHA-256 of the bytes",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Content-Disposition",
            description = "attachment, with the artifact's name as the file name",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = ArtifactContentResource.NO_SNIFF_HEADER,
            description =
                "`nosniff`: a browser keeps to the stored Content-Type, which a model chose, and"
                    + " never guesses a more dangerous one (HTML, script) from the bytes",
            schema = @Schema(type = SchemaType.STRING, enumeration = "nosniff"))
      },
      content =
          @Content(
              mediaType = MediaType.WILDCARD,
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(
      responseCode = "404",
      ref = "NotFound",
      description = "No such run in the caller's tenant, or no artifact of that name in it")
  @APIResponse(
      responseCode = "503",
      ref = "ServiceUnavailable",
      description =
          "The database is unreachable (`Retry-After`), or the object store did not serve the"
              + " bytes (`object-store-unavailable`)")
  public Response content(@PathParam("runId") UUID runId, @PathParam("name") String name) {
    ArtifactContents.Download download = contents.open(tenant.require(), runId, name);
    ArtifactEntity artifact = download.artifact();
    InputStream bytes = download.content();
    StreamingOutput body = out -> copy(bytes, out, artifact.name);
    return Response.ok(body)
        .type(artifact.contentType)
        .header(HttpHeaders.CONTENT_LENGTH, artifact.sizeBytes)
        .header(HttpHeaders.ETAG, "\"" + artifact.sha256 + "\"")
        .header("Content-Disposition", attachment(artifact.name))
        // The type was chosen by a model: a browser must not sniff the bytes for a riskier one.
        .header(NO_SNIFF_HEADER, "nosniff")
        .build();
  }

  /**
   * Copies the object's bytes to the client. A failed write means the client went away (curl
   * stopped with Ctrl-C, a proxy that dropped the connection): no fault of the API's, so a debug
   * line, not an error. A failed read is the store's fault and stays an error.
   */
  private static void copy(InputStream bytes, OutputStream out, String name) throws IOException {
    try (bytes) {
      byte[] buffer = new byte[BUFFER_BYTES];
      for (int n = bytes.read(buffer); n >= 0; n = bytes.read(buffer)) {
        try {
          out.write(buffer, 0, n);
        } catch (IOException e) {
          LOG.debugf("download of artifact %s ended early, the client went away: %s", name, e);
          return;
        }
      }
    }
  }

  /**
   * {@code attachment; filename="..."} with every character a header or a file system could misread
   * replaced: names are {@code [A-Za-z0-9._-]} when the worker writes them, this keeps a quote or a
   * line break out of the header should a row ever hold one.
   */
  static String attachment(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return "attachment; filename=\"" + safe + "\"";
  }
}
