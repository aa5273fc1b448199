package dev.agentruntime.api.error;

/**
 * An inbound trigger's delivery that is not admitted: its signature, timestamp, size or the
 * trigger's state. The detail says which check failed and never carries the secret or the signature
 * that was expected.
 */
public final class DeliveryRefused extends DomainException {

  /** Which check refused the delivery; also the reason a metric counts it under. */
  public enum Reason {
    /** A signature or timestamp header the trigger's preset requires is absent or malformed. */
    MISSING_HEADER("missing_header"),
    /** No signature matches the body under the trigger's secret. */
    BAD_SIGNATURE("bad_signature"),
    /** The signed timestamp is further from now than the trigger's tolerance. */
    STALE_TIMESTAMP("stale_timestamp"),
    /** The body is over the size an inbound delivery may have. */
    TOO_LARGE("too_large"),
    /** The trigger is disabled (answered only to a correctly signed delivery). */
    DISABLED("disabled");

    private final String metricName;

    Reason(String metricName) {
      this.metricName = metricName;
    }

    public String metricName() {
      return metricName;
    }
  }

  private final Reason reason;

  public DeliveryRefused(Reason reason, String detail) {
    super(detail, null);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
