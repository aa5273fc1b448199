package dev.agentruntime.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.api.ApiDoc;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.schedule.ScheduleEventTypes;
import dev.agentruntime.core.webhook.WebhookEventTypes;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md describes every event type a run's timeline and a schedule's can hold, and no type
 * the code does not have. Read from the whole page, not one section's layout: the payload
 * descriptions may be laid out otherwise, as long as each type is named.
 */
class EventTypesDocumentedTest {

  /** A type as the page spells one: in backticks, starting with a family of the timeline. */
  private static final Pattern TYPE =
      Pattern.compile(
          "`((?:run|model|agent|tool|artifact|approval|kernel|child|tree|pipeline|tenant|schedule|step)"
              + "\\.[a-z_.]+)`");

  @Test
  void theApiPageNamesExactlyTheTypesOfTheTimeline() {
    Set<String> named = new TreeSet<>();
    Matcher matcher = TYPE.matcher(ApiDoc.read().section("Event payloads"));
    while (matcher.find()) {
      named.add(matcher.group(1));
    }
    assertThat(named).isEqualTo(new TreeSet<>(RunEventTypes.ALL));
  }

  @Test
  void theSchedulesSectionNamesExactlyTheTypesOfASchedulesTimeline() {
    Set<String> named = new TreeSet<>();
    Matcher matcher = TYPE.matcher(ApiDoc.read().section("Schedules"));
    while (matcher.find()) {
      if (matcher.group(1).startsWith("schedule.")) {
        named.add(matcher.group(1));
      }
    }
    assertThat(named).isEqualTo(new TreeSet<>(ScheduleEventTypes.ALL));
  }

  @Test
  void noOtherTypeIsNamedAnywhereOnThePage() {
    // A webhook's event types are the timeline's, but for one it names otherwise
    // (run.waiting_for_approval, a run's approval.requested).
    Set<String> known = new TreeSet<>(RunEventTypes.ALL);
    known.addAll(WebhookEventTypes.ALL);
    known.addAll(ScheduleEventTypes.ALL);
    Matcher matcher = TYPE.matcher(ApiDoc.read().text());
    while (matcher.find()) {
      assertThat(known).as("a type named in docs/api.md").contains(matcher.group(1));
    }
  }
}
