package org.certbulletin.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.Config;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.store.Database;
import org.certbulletin.store.RunHistory;

/**
 * One firing rehearsed by hand ({@code run --once --week WEEK --dry-run}): it publishes the archive
 * as the firing for the week would, then writes each distribution list's messages to the outbox
 * instead of sending them, whether or not SMTP is configured. The runs are recorded in the run
 * history (node {@value #NODE}, trigger {@code manual}); nobody is emailed, operators included; the
 * scheduler is not started, so no firing, catch-up or retry of the daemon runs meanwhile and
 * nothing is left scheduled.
 */
final class Rehearsal {

  /** How the run history names the node of a rehearsal's runs. */
  static final String NODE = "rehearsal";

  private final Application application;
  private final Workspace workspace;
  private final Map<String, String> environment;
  private final Clock clock;
  private final BooleanSupplier stopping;

  /**
   * @param application its environment holds the OpenPGP and DKIM secrets a message is signed with
   * @param stopping polled between the lists and before each message: true stops there (SIGTERM)
   */
  Rehearsal(Application application, BooleanSupplier stopping) {
    this.application = application;
    this.workspace = application.workspace();
    this.environment = application.environment();
    this.clock = application.clock();
    this.stopping = stopping;
  }

  /**
   * Rehearses the firing that publishes {@code week} (default: a firing now, which publishes the
   * week due now): the publish, then (if it succeeded) one run per list, each reported to {@code
   * ended} as it ends.
   *
   * @return every run, the publish first
   * @throws IllegalArgumentException if {@code week} has not ended yet
   * @throws org.certbulletin.model.InvalidDataException if the configuration is invalid or has no
   *     schedule
   */
  List<RunResult> run(Optional<WeekId> requested, Consumer<RunResult> ended) throws IOException {
    DataDirectory data = new DataDirectory(workspace.data());
    Config config = data.config();
    ScheduleSettings settings = DaemonNode.settings(data, config);
    Instant now = clock.instant();
    Instant firing = requested.map(w -> DueWeek.firingFor(w, settings, now)).orElse(now);
    WeekId week = DueWeek.at(firing, settings.zone());
    OperatorAlerts alerts = OperatorAlerts.loggedOnly(config);
    List<RunResult> runs = new ArrayList<>();
    try (Database database = Database.open(config.state(), new OutputLayout(workspace.out()))) {
      RunHistory history = new RunHistory(database.dataSource());
      RunResult published =
          new ScheduledPublish(
                  application::freshBulletins,
                  application::reviews,
                  history,
                  alerts,
                  settings,
                  clock,
                  NODE,
                  RunRecorder.Audit.of(application, NODE))
              .run(firing, TriggerKind.MANUAL, 1);
      runs.add(published);
      ended.accept(published);
      if (!published.succeeded()) {
        return runs;
      }
      ScheduledSend send =
          new ScheduledSend(
              application::freshMail,
              history,
              alerts,
              settings,
              environment,
              clock,
              NODE,
              RunRecorder.Audit.of(application, NODE),
              stopping);
      for (DistributionList list : config.lists()) {
        if (stopping.getAsBoolean()) {
          break;
        }
        RunResult sent = send.run(week, list.name(), firing, TriggerKind.MANUAL, 1, true);
        runs.add(sent);
        ended.accept(sent);
      }
    }
    return runs;
  }
}
