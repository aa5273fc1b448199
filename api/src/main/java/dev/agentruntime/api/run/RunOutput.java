package dev.agentruntime.api.run;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A succeeded run's answer (its {@code output} artifact), as the run's answer shows it: small text
 * inline, anything else by its link.
 */
@Schema(
    description =
        "The run's answer, its `output` artifact. `text` holds it when it is text/plain or"
            + " application/json and at most "
            + RunOutputs.TEXT_CAP_BYTES
            + " bytes and the run was read alone (GET /v1/runs/{runId}); else `href` downloads it")
public record RunOutput(
    String contentType,
    long sizeBytes,
    @Schema(
            nullable = true,
            description =
                "The answer itself; null in listings, when it is over the cap or not text, or when"
                    + " the object store did not answer")
        String text,
    @Schema(description = "Where its bytes are: GET /v1/runs/{runId}/artifacts/output/content")
        String href) {}
