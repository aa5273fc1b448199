package dev.agentruntime.api.error;

/**
 * A resource with this identity (a tenant id, an agent's name) exists already.
 *
 * <p>{@link #location()} is the existing resource's path when it is known, so a client that meant
 * to create it can go on with the one that is there (a rerun of a setup script, for instance).
 */
public final class AlreadyExists extends DomainException {

  private final String location;

  /**
   * @param location the path of the resource that exists, or null when it is not known (a
   *     concurrent create won the race after the check)
   */
  public AlreadyExists(String detail, String location) {
    super(detail, null);
    this.location = location;
  }

  public String location() {
    return location;
  }
}
