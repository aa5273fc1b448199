package dev.agentruntime.api.health;

/**
 * The health group of the API's dependencies that it can work without for a while (Temporal,
 * Redis), served at {@code /q/health/group/dependencies} for monitoring and alerts. Readiness
 * ({@code /q/health/ready}) covers only what the API cannot answer anything without (the database,
 * the checked signing keys), because load balancers act on it.
 */
public final class DependencyHealth {

  public static final String GROUP = "dependencies";

  private DependencyHealth() {}
}
