package dev.agentruntime.api.problem;

/**
 * One reason a request was refused.
 *
 * @param field path of the offending field, for example {@code input} or {@code tools[1].name}
 * @param message what is wrong, phrased for the client
 */
public record Violation(String field, String message) {}
