package org.certbulletin.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.certbulletin.publish.ProgressListener;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code status} as monitoring uses it: the next firings, and an alarm when the due week is late.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class StatusTest {

  SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
  }

  @Test
  void showsTheNextFiringsInTheZoneAndInUtc() throws Exception {
    StatusReport report = at("2024-12-23T00:00:00Z");
    assertThat(report.lines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "Wed 2024-12-25 10:00 CST", "2024-12-25 02:00 UTC", "publishes 2024-W51"));
  }

  @Test
  void raisesTheAlarmWhenTheDueWeekIsNotPublishedByItsDeadline() throws Exception {
    StatusReport report = at("2024-12-25T05:00:00Z");
    assertThat(report.alarm())
        .hasValueSatisfying(a -> assertThat(a).contains("2024-W51", "2024-12-25 04:00 UTC"));
  }

  @Test
  void staysQuietBeforeTheDeadline() throws Exception {
    assertThat(at("2024-12-25T03:00:00Z").alarm()).isEmpty();
  }

  @Test
  void staysQuietOnceTheDueWeekIsPublished() throws Exception {
    new BulletinService(sample.workspace()).publish(ProgressListener.NONE);
    StatusReport report = at("2024-12-25T05:00:00Z");
    assertThat(report.alarm()).isEmpty();
    assertThat(report.lines())
        .anySatisfy(l -> assertThat(l).contains("due week: 2024-W51", "published"))
        .anySatisfy(l -> assertThat(l).startsWith("weeks: 8 published and current, 0 stale"));
  }

  @Test
  void listsStaleWeeks() throws Exception {
    new BulletinService(sample.workspace()).publish(ProgressListener.NONE);
    sample.editWeek("2024-W50", json -> json.replace("\"value\": 3126", "\"value\": 3127"));
    assertThat(at("2024-12-25T05:00:00Z").lines())
        .anySatisfy(l -> assertThat(l).contains("stale: 2024-W50, 2024-W51"));
  }

  private StatusReport at(String instant) throws java.io.IOException {
    return new Status(sample.workspace(), Clock.fixed(Instant.parse(instant), ZoneOffset.UTC))
        .report(5);
  }
}
