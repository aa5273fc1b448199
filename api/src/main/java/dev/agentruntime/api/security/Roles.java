package dev.agentruntime.api.security;

/** The roles a token carries in its {@code groups} claim. */
public final class Roles {

  /** Manages tenants; belongs to no tenant. */
  public static final String PLATFORM_ADMIN = "platform-admin";

  /** Creates agents and publishes their versions. */
  public static final String AGENT_ADMIN = "agent-admin";

  /** Starts runs. */
  public static final String RUNNER = "runner";

  /** Decides the approvals of a tenant's runs (agent-admin may too). */
  public static final String APPROVER = "approver";

  /** Reads a tenant's agents, versions and runs. */
  public static final String VIEWER = "viewer";

  private Roles() {}
}
