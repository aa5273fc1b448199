package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The model a built-in agent loop calls.
 *
 * @param provider the provider kind
 * @param name the provider's model name, for example {@code gpt-4o-mini} or {@code llama3.2}
 * @param baseUrl the provider endpoint; optional for providers with a well-known default
 * @param apiKeyRef where the worker finds the API key, never the key itself: {@code env:NAME} reads
 *     the worker's environment variable NAME, {@code file:/path} a file on the worker
 * @param temperature sampling temperature, 0 to 2; provider default when absent
 * @param maxOutputTokens cap on tokens produced by one call; provider default when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSpec(
    ModelProvider provider,
    String name,
    String baseUrl,
    String apiKeyRef,
    Double temperature,
    Integer maxOutputTokens) {}
