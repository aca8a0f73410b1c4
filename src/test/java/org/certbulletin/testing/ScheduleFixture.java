package org.certbulletin.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.DueWeek;

/** A sample workspace whose schedule a test sets, with data for the weeks due around now. */
public final class ScheduleFixture {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private ScheduleFixture() {}

  /** Sets the schedule's cron expression and misfire policy in the workspace's config. */
  public static void schedule(SampleWorkspace sample, String cron, String misfire)
      throws IOException {
    Path config = sample.data().resolve("config.json");
    String text =
        Files.readString(config)
            .replace("\"cron\": \"0 0 10 ? * WED\"", "\"cron\": \"" + cron + "\"")
            .replace("\"misfire\": \"fire_once\"", "\"misfire\": \"" + misfire + "\"")
            .replace("\"shutdown_grace\": \"PT2M\"", "\"shutdown_grace\": \"PT1M\"");
    Files.writeString(config, text);
  }

  /** A cron expression that fires once, at {@code time} (whole seconds), in {@link #ZONE}. */
  public static String onceAt(Instant time) {
    ZonedDateTime t = time.atZone(ZONE);
    return String.format(
        java.util.Locale.ROOT,
        "%d %d %d %d %d ? %d",
        t.getSecond(),
        t.getMinute(),
        t.getHour(),
        t.getDayOfMonth(),
        t.getMonthValue(),
        t.getYear());
  }

  /** Writes synthetic data for the week due now and the week before it. */
  public static WeekId dataForTheWeekDueNow(SampleWorkspace sample, int advisories)
      throws IOException {
    WeekId due = DueWeek.at(Instant.now(), ZONE);
    new SyntheticData(11).writeWeeks(sample.data(), due.previous(), 2, advisories);
    return due;
  }

  /** Points the workspace's state at the database {@code jdbcUrl}, clustered or not. */
  public static void stateDatabase(SampleWorkspace sample, String jdbcUrl, boolean cluster)
      throws IOException {
    Path config = sample.data().resolve("config.json");
    String text =
        Files.readString(config)
            .replaceFirst(
                "\"lists\":",
                "\"state\": {\"jdbc_url\": \""
                    + jdbcUrl
                    + "\", \"cluster\": "
                    + cluster
                    + "},\n  \"lists\":");
    Files.writeString(config, text);
  }
}
