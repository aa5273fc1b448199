package dev.agentruntime.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer.
 *
 * @param violations the individual reasons, present only for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<Violation> violations) {

  /**
   * The media type of every error. An operation whose success has no body (204) documents only this
   * one, so a generated client accepts it alone: such an operation produces it beside JSON, or the
   * client's request would be refused with 406 before the operation runs.
   */
  public static final String MEDIA_TYPE = "application/problem+json";
}
