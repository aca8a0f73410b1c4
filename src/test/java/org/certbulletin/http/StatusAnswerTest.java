package org.certbulletin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Application;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * {@code getStatus}'s answer: the report's fields, ISO times and weeks, the printed lines beside
 * them, and no file of the server in the fields.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class StatusAnswerTest {

  @Test
  void answersTheReportAsFieldsWithTheLinesBesideThemAndNamesNoFileOfTheServer(
      SampleWorkspace sample) throws Exception {
    new BulletinService(sample.workspace())
        .build(WeekId.parse("2024-W51"), EnumSet.of(Format.HTML));
    Application application =
        Application.open(
            sample.workspace(),
            Map.of(),
            Clock.fixed(Instant.parse("2024-12-25T05:00:00Z"), ZoneOffset.UTC));

    JsonNode answer =
        Json.MAPPER.readTree(
            Json.write(
                StatusAnswer.of(
                    application.scheduling().status(5), new ServerPaths(application.workspace()))));

    assertThat(answer.path("at").asString()).isEqualTo("2024-12-25T05:00:00Z");
    JsonNode schedule = answer.path("schedule");
    assertThat(schedule.path("cron").asString()).isEqualTo("0 0 10 ? * WED");
    assertThat(schedule.path("timeZone").asString()).isEqualTo("Asia/Shanghai");
    assertThat(schedule.path("nextFirings").size()).isEqualTo(4);
    assertThat(schedule.path("nextFirings").get(0).path("at").asString())
        .isEqualTo("2025-01-01T02:00:00Z");
    assertThat(schedule.path("nextFirings").get(0).path("publishes").asString())
        .isEqualTo("2024-W52");
    assertThat(schedule.path("due").path("week").asString()).isEqualTo("2024-W51");
    assertThat(schedule.path("due").path("deadline").asString()).isEqualTo("2024-12-25T04:00:00Z");
    assertThat(schedule.path("due").path("late").asBoolean()).isTrue();
    assertThat(answer.path("alarm").asString()).contains("2024-W51");
    assertThat(answer.path("state").path("created").asBoolean()).isFalse();
    assertThat(answer.path("archive").path("notPublished").size()).isEqualTo(8);
    assertThat(answer.path("archive").path("latestPreview").path("week").asString())
        .isEqualTo("2024-W51");
    assertThat(answer.path("lines").toString())
        .as("the printed lines name the preview's folder by its name")
        .contains("latest preview: 2024-W51 in out/site/2024/W51");
    assertThat(application.scheduling().status(5).lines().toString())
        .as("control: status prints where the folder is")
        .contains(sample.out().resolve("site/2024/W51").toString());
    assertThat(new String(Json.write(answer), StandardCharsets.UTF_8))
        .doesNotContain(sample.root().toString());
  }
}
