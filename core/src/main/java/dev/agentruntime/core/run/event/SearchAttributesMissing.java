package dev.agentruntime.core.run.event;

import java.util.List;

/**
 * {@code run.search_attributes.missing}: the run's workflow was started without the run search
 * attributes, because the namespace lacks them (or has not made them usable yet). Written once per
 * run, by whoever started its workflow, only when that start happened.
 *
 * @param namespace the Temporal namespace the workflow runs in
 * @param missing the names of the attributes the namespace lacks, for example {@code
 *     AgentRuntimeTenant}
 * @param reason why they were left out: {@link #NOT_REGISTERED} or {@link #NOT_YET_USABLE}
 */
public record SearchAttributesMissing(String namespace, List<String> missing, String reason)
    implements RunEventPayload {

  /** The namespace lacks them, or has them with another type, and the API may not add them. */
  public static final String NOT_REGISTERED = "not_registered";

  /** Just registered, but the server refused them on a start: its cache has not caught up. */
  public static final String NOT_YET_USABLE = "not_yet_usable";

  public SearchAttributesMissing {
    missing = missing == null ? List.of() : List.copyOf(missing);
  }
}
