package dev.agentruntime.api.schedule;

import java.time.Instant;
import java.util.List;

/** The preview of a schedule's next fire times, soonest first (jitter included). */
public record ScheduleFiresResponse(List<Instant> times) {}
