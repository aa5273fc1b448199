package dev.agentruntime.storage;

/**
 * An object written to the store.
 *
 * @param key its object key
 * @param sizeBytes size of the stored bytes
 * @param sha256 lower-case hex SHA-256 of the stored bytes
 */
public record StoredObject(String key, long sizeBytes, String sha256) {}
