package org.certbulletin.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.store.Database;
import org.certbulletin.store.NodeRegistry;
import org.certbulletin.store.NodeRegistry.Node;
import org.certbulletin.store.RunHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This daemon's place among the nodes of the state database: a unique id for the process,
 * registered at start if the live nodes admit it (one database, one mode, one schedule), a check-in
 * every few seconds, and runs of dead nodes marked abandoned.
 */
final class Membership implements AutoCloseable {

  static final Duration CHECK_IN_EVERY = Duration.ofSeconds(5);

  /** A node that has not checked in for this long is dead. */
  static final Duration DEAD_AFTER = Duration.ofSeconds(20);

  private static final Logger log = LoggerFactory.getLogger(Membership.class);

  private final NodeRegistry registry;
  private final RunHistory history;
  private final Clock clock;
  private final String id;
  private final String host;
  private final ScheduledExecutorService heartbeat;

  private Membership(
      NodeRegistry registry, RunHistory history, Clock clock, String id, String host) {
    this.registry = registry;
    this.history = history;
    this.clock = clock;
    this.id = id;
    this.host = host;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cert-bulletin-check-in");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Registers this process as a node of {@code database} and starts checking in.
   *
   * @param configFile named in a refusal, where the operator changes the settings
   * @throws InvalidDataException if the live nodes do not admit this one
   */
  static Membership join(
      Database database,
      RunHistory history,
      boolean cluster,
      ScheduleSettings schedule,
      Clock clock,
      String configFile) {
    String host = hostName();
    Instant now = clock.instant();
    Node self =
        new Node(
            newId(),
            host,
            ProcessHandle.current().pid(),
            now,
            now,
            Optional.empty(),
            cluster,
            scheduleOf(schedule));
    NodeRegistry registry = new NodeRegistry(database.dataSource());
    Optional<String> refusal =
        registry.join(
            self, others -> refusal(self, live(others, now, host), database.description()));
    if (refusal.isPresent()) {
      throw InvalidDataException.of(configFile, refusal.get());
    }
    Membership membership = new Membership(registry, history, clock, self.id(), host);
    int abandoned = membership.abandonRunsOfDeadNodes();
    if (abandoned > 0) {
      log.warn("{} run(s) of nodes that stopped during the run marked abandoned", abandoned);
    }
    var unused = // checkIn logs its own failures and never throws
        membership.heartbeat.scheduleWithFixedDelay(
            membership::checkIn,
            CHECK_IN_EVERY.toMillis(),
            CHECK_IN_EVERY.toMillis(),
            TimeUnit.MILLISECONDS);
    log.info("node {} on {} joined {}", self.id(), host, cluster ? "the cluster" : "alone");
    return membership;
  }

  /** Why {@code self} may not join nodes {@code live}, if it may not. */
  static Optional<String> refusal(Node self, List<Node> live, String database) {
    for (Node other : live) {
      String who = "node " + other.id() + " on " + other.host() + " (pid " + other.pid() + ")";
      if (!self.clustered()) {
        return Optional.of(
            "the state database "
                + database
                + " is in use by "
                + who
                + "; several daemons may share a database only with \"state\": {\"cluster\":"
                + " true} in every node's config.json (and a PostgreSQL database); otherwise stop"
                + " the other daemon (a node that was killed counts as gone "
                + DEAD_AFTER.toSeconds()
                + " s after its last check-in)");
      }
      if (!other.clustered()) {
        return Optional.of(
            who
                + " uses the state database "
                + database
                + " without \"cluster\": true; set \"state\": {\"cluster\": true} in its"
                + " config.json and restart it, or stop it, before starting clustered nodes");
      }
      if (!other.schedule().equals(self.schedule())) {
        return Optional.of(
            "this node's schedule ("
                + self.schedule()
                + ") differs from the cluster's ("
                + other.schedule()
                + ", used by "
                + who
                + "); give every node the same \"schedule\" (cron, time_zone, misfire) in"
                + " config.json, or stop every node before changing it");
      }
    }
    return Optional.empty();
  }

  /** The unique id of this process among the nodes, as the run history records it. */
  String id() {
    return id;
  }

  /** Stops checking in and records that this node stopped. */
  @Override
  public void close() {
    // never interrupt a check-in: an embedded H2 database closes itself when a thread writing to it
    // is interrupted
    heartbeat.shutdown();
    try {
      if (!heartbeat.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("node {}: a check-in is still under way; stopping anyway", id);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      registry.stopped(id, clock.instant());
    } catch (RuntimeException e) {
      log.warn("cannot record that node {} stopped: {}", id, e.getMessage());
    }
  }

  private void checkIn() {
    try {
      registry.checkIn(id, clock.instant());
      abandonRunsOfDeadNodes();
    } catch (RuntimeException e) {
      log.warn("node {} cannot check in: {}", id, e.getMessage());
    }
  }

  private int abandonRunsOfDeadNodes() {
    Instant now = clock.instant();
    List<String> alive = new ArrayList<>();
    alive.add(id);
    live(registry.all(), now, host).forEach(n -> alive.add(n.id()));
    return history.abandonRunningExcept(alive, now);
  }

  private static List<Node> live(List<Node> nodes, Instant now, String host) {
    return nodes.stream().filter(n -> n.alive(now, DEAD_AFTER, host)).toList();
  }

  /** The schedule as nodes compare it: what decides when firings are and how misses are caught. */
  static String scheduleOf(ScheduleSettings schedule) {
    return "cron '"
        + schedule.cron()
        + "' in "
        + schedule.zone().getId()
        + ", misfire "
        + schedule.misfire().code();
  }

  /** 48 random bits in hex: unique per process, whatever the host. */
  private static String newId() {
    byte[] bytes = new byte[6];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
