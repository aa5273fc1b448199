package dev.agentruntime.api.security;

/** The roles a token carries in its {@code groups} claim. */
public final class Roles {

  /** Manages tenants; belongs to no tenant. */
  public static final String PLATFORM_ADMIN = "platform-admin";

  /** Creates agents and publishes their versions. */
  public static final String AGENT_ADMIN = "agent-admin";

  /** Starts runs. */
  public static final String RUNNER = "runner";

  /** Reads a tenant's agents, versions and runs. */
  public static final String VIEWER = "viewer";

  private Roles() {}
}
