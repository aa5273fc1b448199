package dev.agentruntime.core.spec;

/**
 * One reason a spec is invalid.
 *
 * @param field JSON path of the offending field, for example {@code tools[1].name}
 * @param message what is wrong, phrased for the agent author
 */
public record SpecViolation(String field, String message) {}
