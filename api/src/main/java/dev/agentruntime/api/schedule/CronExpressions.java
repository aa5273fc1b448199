package dev.agentruntime.api.schedule;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The cron expressions a schedule accepts: the standard five fields (minute, hour, day of month,
 * month, day of week), each {@code *}, a number or name, a range, a list, or a step. Temporal
 * accepts more (seconds and years, {@code @every}, {@code CRON_TZ=}), but checked here a schedule
 * is refused with a 400 before anything is stored, and its time zone has a field of its own.
 */
final class CronExpressions {

  private static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };
  private static final String[] DAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  private static final Pattern VALUE = Pattern.compile("[0-9]{1,2}|[a-z]{3}");

  private record Field(String name, int min, int max, String[] names) {}

  private static final Field[] FIELDS = {
    new Field("minute", 0, 59, null),
    new Field("hour", 0, 23, null),
    new Field("day of month", 1, 31, null),
    new Field("month", 1, 12, MONTHS),
    // 7 is Sunday too, as in most crons.
    new Field("day of week", 0, 7, DAYS),
  };

  private CronExpressions() {}

  /** Why {@code cron} is not a five-field expression, or {@code null} when it is one. */
  static String problem(String cron) {
    String[] fields = cron.trim().toLowerCase(Locale.ROOT).split("\\s+");
    if (fields.length != FIELDS.length) {
      return "must have five fields (minute hour day-of-month month day-of-week), not "
          + fields.length;
    }
    for (int i = 0; i < fields.length; i++) {
      for (String part : fields[i].split(",", -1)) {
        if (!validPart(part, FIELDS[i])) {
          return "has an invalid " + FIELDS[i].name() + " '" + fields[i] + "'";
        }
      }
    }
    return null;
  }

  private static boolean validPart(String part, Field field) {
    String range = part;
    int slash = part.indexOf('/');
    if (slash >= 0) {
      String step = part.substring(slash + 1);
      if (!step.matches("[0-9]{1,2}") || Integer.parseInt(step) == 0) {
        return false;
      }
      range = part.substring(0, slash);
    }
    if (range.equals("*")) {
      return true;
    }
    int dash = range.indexOf('-');
    if (dash < 0) {
      return value(range, field) >= 0;
    }
    int from = value(range.substring(0, dash), field);
    int to = value(range.substring(dash + 1), field);
    return from >= 0 && to >= from;
  }

  /** The value of a number or name in the field, -1 when it is neither. */
  private static int value(String token, Field field) {
    if (!VALUE.matcher(token).matches()) {
      return -1;
    }
    if (Character.isDigit(token.charAt(0))) {
      int value = Integer.parseInt(token);
      return value >= field.min() && value <= field.max() ? value : -1;
    }
    if (field.names() != null) {
      for (int i = 0; i < field.names().length; i++) {
        if (field.names()[i].equals(token)) {
          return i + field.min();
        }
      }
    }
    return -1;
  }
}
