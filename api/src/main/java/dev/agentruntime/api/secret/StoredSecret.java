package dev.agentruntime.api.secret;

/**
 * The outcome of a put.
 *
 * @param created true when the tenant had no secret of this name, false when it was replaced
 */
public record StoredSecret(SecretResponse secret, boolean created) {}
