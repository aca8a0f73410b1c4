package org.certbulletin.service;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.model.WeekReview;

/**
 * What {@code status} reports: the schedule and its next firings, the OpenPGP keys' findings, what
 * the state database says (deliveries, nodes, last runs), the archive's weeks, and the alarm when
 * the due week is late. {@link #lines()} is the same for people.
 *
 * @param at when the report was made
 * @param schedule empty when the configuration has no schedule
 * @param keys what is wrong, or soon will be, with the OpenPGP keys
 * @param alarm why monitoring should be raised, if it should
 */
public record StatusReport(
    Instant at,
    Optional<Schedule> schedule,
    List<KeyCheck.Finding> keys,
    State state,
    Archive archive,
    Optional<String> alarm,
    Optional<DueReview> review) {

  /**
   * Where the due week stands in review, when the configuration requires approval.
   *
   * @param action who must act for it to leave, and how; empty once it may leave
   */
  public record DueReview(WeekReview review, Optional<String> action) {

    public DueReview {
      Objects.requireNonNull(review, "review == null");
      Objects.requireNonNull(action, "action == null");
    }
  }

  public StatusReport {
    Objects.requireNonNull(at, "at == null");
    Objects.requireNonNull(schedule, "schedule == null");
    keys = List.copyOf(keys);
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(review, "review == null");
    Objects.requireNonNull(archive, "archive == null");
    Objects.requireNonNull(alarm, "alarm == null");
  }

  /**
   * The configured schedule.
   *
   * @param inWords {@code every Wednesday at 10:00 in Asia/Shanghai}
   * @param catchUp true when a firing missed while no daemon ran is caught up once
   * @param due the week the latest firing was due to publish, if the schedule has fired
   */
  public record Schedule(
      String inWords,
      String cron,
      ZoneId zone,
      boolean catchUp,
      Duration retryEvery,
      Duration giveUpAfter,
      List<Firing> nextFirings,
      Optional<Due> due) {

    public Schedule {
      nextFirings = List.copyOf(nextFirings);
    }
  }

  /** A firing to come and the week it publishes. */
  public record Firing(Instant at, WeekId publishes) {}

  /**
   * The week the latest firing was due to publish.
   *
   * @param late true when it is not published and its deadline has passed
   * @param sampleWeeks the data folder's weeks when all of them are sample data and the due week
   *     has no file (nothing of the CERT's own is due); empty otherwise
   */
  public record Due(
      WeekId week,
      Instant firing,
      Instant deadline,
      boolean published,
      boolean late,
      List<WeekId> sampleWeeks) {

    public Due {
      sampleWeeks = List.copyOf(sampleWeeks);
    }
  }

  /**
   * What the state database says.
   *
   * @param created false when the embedded database does not exist yet (no daemon has run)
   * @param unavailable why the database could not be read, if it could not
   * @param deliveries the delivery ledger's latest week; empty when no list is configured and
   *     nothing was ever delivered
   * @param nodes the daemon nodes that have not stopped, newest first
   * @param runs the last runs, newest first
   * @param suspended each list's suspended addresses (bounced, or put aside), lists without any
   *     left out
   */
  public record State(
      boolean created,
      Optional<String> unavailable,
      Optional<Deliveries> deliveries,
      List<Node> nodes,
      List<ScheduledRun> runs,
      List<Suspended> suspended) {

    public State {
      nodes = List.copyOf(nodes);
      runs = List.copyOf(runs);
      suspended = List.copyOf(suspended);
    }

    /** The state of a database that could not be read, or was never created. */
    static State without(boolean created, Optional<String> unavailable) {
      return new State(created, unavailable, Optional.empty(), List.of(), List.of(), List.of());
    }
  }

  /** A list's suspended addresses, in order: not mailed until an operator resumes them. */
  public record Suspended(String list, List<String> addresses) {

    public Suspended {
      Objects.requireNonNull(list, "list == null");
      addresses = List.copyOf(addresses);
    }

    @Override
    public String toString() {
      // the addresses stay out of a report printed by accident
      return "Suspended[" + list + " " + addresses.size() + "]";
    }
  }

  /**
   * The deliveries of the latest week the ledger knows.
   *
   * @param week the ISO week ({@code 2024-W51}); empty when nothing was delivered yet
   */
  public record Deliveries(Optional<String> week, List<ListDeliveries> lists) {

    public Deliveries {
      lists = List.copyOf(lists);
    }
  }

  /**
   * One list's deliveries of a week, by state in the ledger.
   *
   * @param inFlight being sent by a live run now
   * @param uncertain claimed by a run that ended or died without the server's answer recorded
   */
  public record ListDeliveries(
      String list, int sent, int pending, int inFlight, int failed, int uncertain) {}

  /**
   * A daemon node that has not stopped.
   *
   * @param missing true when it has not checked in for so long that it is dead or cut off from the
   *     database
   */
  public record Node(
      String id,
      String host,
      long pid,
      boolean clustered,
      Instant started,
      Instant lastCheckIn,
      boolean missing) {}

  /**
   * The archive's weeks: published and current, stale (published, inputs changed since, or files
   * missing) or not published.
   *
   * @param latestPublished the newest week readers have
   * @param latestPreview the newest edition {@code build} wrote that readers do not have
   */
  public record Archive(
      List<WeekId> current,
      List<WeekId> stale,
      List<WeekId> notPublished,
      Optional<Published> latestPublished,
      Optional<Preview> latestPreview) {

    public Archive {
      current = List.copyOf(current);
      stale = List.copyOf(stale);
      notPublished = List.copyOf(notPublished);
    }
  }

  /**
   * A week readers have.
   *
   * @param stale true when its inputs changed since: readers have the edition published before
   */
  public record Published(WeekId week, Tlp tlp, boolean stale) {}

  /** An edition built and not published, and the folder it is in. */
  public record Preview(WeekId week, Path folder) {}

  /**
   * The report for people, one line each, as {@code status} prints it (the alarm apart); the
   * suspended addresses are counted, not named.
   */
  public List<String> lines() {
    return StatusLines.of(this, false);
  }

  /**
   * The report for people as {@link #lines()}, with each suspended address named when {@code
   * addresses} is true ({@code status --verbose}).
   */
  public List<String> lines(boolean addresses) {
    return StatusLines.of(this, addresses);
  }
}
