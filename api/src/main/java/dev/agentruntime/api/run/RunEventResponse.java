package dev.agentruntime.api.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One entry of a run's timeline. */
public record RunEventResponse(int seq, String type, JsonNode payload, Instant createdAt) {}
