package dev.agentruntime.api.secret;

import java.time.Instant;

/**
 * A secret as the API shows it: its metadata, never its value. {@code fingerprint} tells values
 * apart (did a replace land? do two secrets hold the same value?) without revealing them: a keyed
 * hash under the tenant's data key.
 */
public record SecretResponse(
    String name,
    String fingerprint,
    int version,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy) {}
