package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Location;
import org.certbulletin.model.Problem;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.TemplateTimeLimitException;
import org.certbulletin.store.Database;
import org.certbulletin.store.RunHistory;
import org.certbulletin.store.RunHistory.Outcome;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A run stopped at render.time_limit is recorded as failed and not retried (each retry could leave
 * one more runaway template thread); other bad input is retried.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class RunRecorderTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  @Test
  void aTemplateTimeLimitFailsWithoutRetryAndOtherBadInputIsRetried(SampleWorkspace sample) {
    BulletinService service = new BulletinService(sample.workspace());
    try (Database database = Database.open(service.data().config().state(), service.layout())) {
      RunHistory history = new RunHistory(database.dataSource());
      RunRecorder recorder =
          new RunRecorder(
              history,
              new OperatorAlerts(service.data().config(), Map.of()),
              Clock.systemUTC(),
              "test-node",
              RunRecorder.Audit.NONE);
      Problem problem =
          new Problem("templates/bulletin/bulletin.ftlh", new Location(3, 1), "", "too slow");

      RunResult runaway =
          recorder.run(
              request(),
              () -> {
                throw new TemplateTimeLimitException(problem);
              },
              "alert",
              "next");
      RunResult invalid =
          recorder.run(
              request(),
              () -> {
                throw new InvalidDataException(List.of(problem));
              },
              "alert",
              "next");

      assertThat(runaway.succeeded()).isFalse();
      assertThat(runaway.retry()).as(runaway.detail()).isFalse();
      assertThat(runaway.detail()).contains("not retried", "too slow");
      assertThat(invalid.retry()).as("control: other bad input is retried").isTrue();
      assertThat(history.all())
          .extracting(RunHistory.Run::outcome)
          .containsOnly(Outcome.FAILED)
          .hasSize(2);
    }
  }

  private static RunRecorder.Request request() {
    return new RunRecorder.Request(
        "publish", "publishing " + W51, W51, Instant.now(), TriggerKind.SCHEDULE, 1);
  }
}
