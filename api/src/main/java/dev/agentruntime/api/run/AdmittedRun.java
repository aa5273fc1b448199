package dev.agentruntime.api.run;

import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The answer to a run request.
 *
 * @param created false when an earlier request with the same idempotency key created the run
 */
public record AdmittedRun(RunResponse run, boolean created) {

  /**
   * The HTTP answer of every admission ({@code POST /v1/runs}, a trigger's delivery): 202 with the
   * run and its {@code Location}, and {@code Idempotent-Replayed: true} when nothing new started.
   */
  public Response accepted() {
    Response.ResponseBuilder answer =
        Response.accepted(run).location(URI.create("/v1/runs/" + run.id()));
    if (!created) {
      // The client learns that its retry found the first run, not that a new one started.
      answer.header(IdempotencyKeys.REPLAYED_HEADER, "true");
    }
    return answer.build();
  }
}
