package dev.agentruntime.api.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.error.InvalidParameter;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.schedule.ScheduleEventRepository.StoredEvent;
import dev.agentruntime.core.schedule.FiresMissed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's schedule's timeline, from PostgreSQL alone. Only a live schedule of the tenant has one
 * to read (404 otherwise, the same answer for another tenant's).
 */
@ApplicationScoped
public class ScheduleEvents {

  /** A cursor is the seq of a page's last event, in decimal. */
  static final String CURSOR_PATTERN = "^[0-9]{1,9}$";

  private final ScheduleRepository schedules;
  private final ScheduleEventRepository events;
  private final ObjectMapper json;

  ScheduleEvents(ScheduleRepository schedules, ScheduleEventRepository events, ObjectMapper json) {
    this.schedules = schedules;
    this.events = events;
    this.json = json;
  }

  /**
   * @param cursor the previous page's {@code nextCursor}, or null for the first page
   */
  @Transactional
  public ScheduleEventPageResponse list(String tenantId, UUID id, String cursor, int limit) {
    int after = cursor == null ? 0 : afterSeq(cursor);
    if (schedules.find(tenantId, id).isEmpty()) {
      throw new NotFound("Schedule " + id);
    }
    List<StoredEvent> page = events.list(tenantId, id, after, limit + 1);
    List<ScheduleEventResponse> items = page.stream().limit(limit).map(this::response).toList();
    return new ScheduleEventPageResponse(
        items, page.size() > limit ? Integer.toString(items.getLast().seq()) : null);
  }

  private ScheduleEventResponse response(StoredEvent e) {
    try {
      return new ScheduleEventResponse(
          e.seq(), e.type(), e.createdAt(), json.readValue(e.payloadJson(), FiresMissed.class));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("a stored schedule event is not readable", ex);
    }
  }

  private static int afterSeq(String cursor) {
    if (cursor.matches(CURSOR_PATTERN)) {
      try {
        return Integer.parseInt(cursor);
      } catch (NumberFormatException e) {
        // beyond an int: answered below
      }
    }
    throw new InvalidParameter("cursor", "the nextCursor of a previous page of this listing");
  }
}
