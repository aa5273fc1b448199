package dev.agentruntime.api.error;

/**
 * A secret value that could not be used where secrets go (an HTTP header), refused before it is
 * encrypted. The reason names what is wrong and never quotes the value: a refusal is echoed to the
 * client and may be logged, and the value is a secret either way.
 */
public final class InvalidSecretValue extends DomainException {

  private final String reason;

  /**
   * @param reason what is wrong with the value, completing "Field 'value' ...", for example {@code
   *     is empty}; never the value or a part of it
   */
  public InvalidSecretValue(String reason) {
    super("Field 'value' " + reason, null);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
