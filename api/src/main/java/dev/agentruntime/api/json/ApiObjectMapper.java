package dev.agentruntime.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.agentruntime.core.json.StrictJson;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The API's one ObjectMapper, used by Quarkus REST for every body: core's strict reader, so a
 * request is stored exactly as sent or refused (see {@link StrictJson}). It replaces Quarkus's
 * default mapper; the {@code quarkus.jackson.*} settings therefore do not apply.
 */
public class ApiObjectMapper {

  @Produces
  @Singleton
  ObjectMapper objectMapper() {
    return StrictJson.builder()
        .addModule(new JavaTimeModule())
        .addModule(new Jdk8Module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        // Costs are exact decimals: 0.0000015, never 1.5E-6.
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();
  }
}
