package dev.agentruntime.api.agent;

/**
 * The outcome of a publish.
 *
 * @param created false when the spec equals the latest version's and that version was returned
 */
public record PublishedVersion(AgentVersionResponse version, boolean created) {}
