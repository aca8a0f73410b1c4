package org.certbulletin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.DueWeek;
import org.certbulletin.store.Database;
import org.certbulletin.store.NodeRegistry;
import org.certbulletin.store.RunHistory;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.Eventually;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SmtpSink;
import org.certbulletin.testing.SyntheticData;
import org.certbulletin.testing.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark figures that need a PostgreSQL server, which only the tests have (embedded, from
 * Maven Central): mail throughput with the ledger on PostgreSQL, one {@code send} process and two
 * sharing a list, and the time a cluster of three daemons takes to recover the run of a node killed
 * mid-run. Its name is not a test's, so {@code mvn verify} leaves it out; run it with {@code mvn -B
 * test -Dtest=PostgresBenchmark}. It prints {@code name: value unit} lines and checks only that
 * every recipient got one copy.
 */
@Tag("slow")
class PostgresBenchmark {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final int RECIPIENTS = Integer.getInteger("bench.pg.recipients", 4000);
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final Duration WAIT = Duration.ofMinutes(3);

  @TempDir Path root;

  @Test
  void measure() throws Exception {
    figure("pg_mail_msgs_per_s", mail(1), "messages/s");
    figure("pg_shared_mail_msgs_per_s", mail(2), "messages/s");
    figure("failover_s", failover(), "s");
  }

  /**
   * Messages per second that {@code nodes} {@code send} processes reach together on one list of
   * {@link #RECIPIENTS}, counted at the SMTP sink from its first message to its last (JVM start and
   * render before the first message are left out).
   */
  private double mail(int nodes) throws Exception {
    SampleWorkspace sample = SampleWorkspace.copyTo(root.resolve("mail-" + nodes));
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < RECIPIENTS; i++) {
      list.append(String.format(Locale.ROOT, "reader%05d@example.org%n", i));
    }
    Files.writeString(sample.data().resolve("lists/public.txt"), list);
    try (SmtpSink sink = new SmtpSink()) {
      sample.configure(
          "smtp",
          "{\"host\": \"127.0.0.1\", \"port\": "
              + sink.port()
              + ", \"security\": \"none\", \"from\": \"bulletin@cert.example\","
              + " \"rate_per_second\": 10000}");
      String url = TestPostgres.newDatabase();
      String path = url.substring(url.lastIndexOf('/') + 1);
      String database = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
      // as a production server commits: each commit waits for its WAL flush (the embedded
      // server's own default is off)
      TestPostgres.admin("ALTER DATABASE " + database + " SET synchronous_commit = on");
      sample.configure("state", "{\"jdbc_url\": \"" + url + "\", \"cluster\": true}");
      List<String> args = new ArrayList<>(List.of("send", W51.toString(), "--list", "public"));
      args.addAll(Arrays.asList(sample.options()));
      progress("pg mail: " + nodes + " send process(es), " + RECIPIENTS + " recipients");
      List<CliProcess> senders = new ArrayList<>();
      try {
        for (int i = 0; i < nodes; i++) {
          senders.add(CliProcess.start(sample.root().resolve("send-" + i + ".log"), args));
        }
        long first = 0;
        long last = 0;
        while (last == 0) {
          long received = sink.messages();
          long now = System.nanoTime();
          if (received > 0 && first == 0) {
            first = now;
          }
          if (received >= RECIPIENTS) {
            last = now;
          } else if (senders.stream().noneMatch(CliProcess::isAlive)) {
            throw new IllegalStateException(
                "the senders stopped after " + received + " messages: " + senders.get(0).output());
          }
          Thread.sleep(2);
        }
        for (CliProcess sender : senders) {
          sender.await(WAIT);
          sender.output().lines().filter(l -> l.contains("sent now")).forEach(l -> progress(l));
        }
        Map<String, Integer> copies = sink.copies();
        if (copies.size() != RECIPIENTS || copies.values().stream().anyMatch(n -> n != 1)) {
          throw new IllegalStateException("not one copy each: " + copies.size() + " recipients");
        }
        return (RECIPIENTS - 1) / ((last - first) / 1e9);
      } finally {
        senders.forEach(CliProcess::close);
      }
    }
  }

  /**
   * Seconds from the SIGKILL of the daemon running a long publish, one of three on one database, to
   * the start of the run another node recovers it with.
   */
  private double failover() throws Exception {
    SampleWorkspace sample = SampleWorkspace.copyTo(root.resolve("cluster"));
    String url = TestPostgres.newDatabase();
    new SyntheticData(11).writeWeeks(sample.data(), due().previous(), 2, 1);
    new BulletinService(sample.workspace()).publish(ProgressListener.NONE);
    Path config = sample.data().resolve("config.json");
    Files.writeString(
        config,
        Files.readString(config)
            .replace("\"cron\": \"0 0 10 ? * WED\"", "\"cron\": \"0/2 * * * * ?\"")
            .replace("\"shutdown_grace\": \"PT2M\"", "\"shutdown_grace\": \"PT1M\""));
    sample.configure("state", "{\"jdbc_url\": \"" + url + "\", \"cluster\": true}");
    List<Process> daemons = new ArrayList<>();
    try (Database probe =
        Database.open(
            new StateSettings(Optional.of(url), true), new OutputLayout(root.resolve("probe")))) {
      RunHistory history = new RunHistory(probe.dataSource());
      NodeRegistry registry = new NodeRegistry(probe.dataSource());
      progress("failover: starting three daemons");
      for (int i = 0; i < 3; i++) {
        daemons.add(daemon(sample, "node" + i));
      }
      Eventually.await(WAIT, "three live nodes", () -> live(registry) == 3);
      progress("failover: a long publish to kill");
      new SyntheticData(11).writeWeeks(sample.data(), due().previous(), 2, 600);
      Eventually.await(WAIT, "a long publishing run", () -> longRun(history).isPresent());
      RunHistory.Run victim = longRun(history).orElseThrow();
      long pid =
          registry.all().stream()
              .filter(n -> n.id().equals(victim.node()))
              .findFirst()
              .orElseThrow()
              .pid();
      Process process = daemons.stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
      Instant killed = Instant.now();
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      Eventually.await(WAIT, "the recovery run", () -> recovery(history, killed).isPresent());
      RunHistory.Run recovered = recovery(history, killed).orElseThrow();
      return Duration.between(killed, recovered.started()).toMillis() / 1000.0;
    } finally {
      daemons.forEach(Process::destroyForcibly);
    }
  }

  private static WeekId due() {
    return DueWeek.at(Instant.now(), ZONE);
  }

  private static Process daemon(SampleWorkspace sample, String name) throws IOException {
    List<String> command = CliProcess.javaCommand("-Xmx384m", "-XX:TieredStopAtLevel=1");
    command.add("run");
    command.addAll(List.of(sample.options()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(sample.root().resolve(name + ".log").toFile());
    builder.environment().put("CERT_BULLETIN_LOG", "info");
    return builder.start();
  }

  private static long live(NodeRegistry registry) {
    Instant now = Instant.now();
    return registry.all().stream()
        .filter(n -> n.stopped().isEmpty())
        .filter(n -> n.checkedIn().plusSeconds(20).isAfter(now))
        .count();
  }

  private static Optional<RunHistory.Run> longRun(RunHistory history) {
    return history.all().stream()
        .filter(r -> r.job().equals("publish") && r.outcome() == RunHistory.Outcome.RUNNING)
        .filter(r -> Duration.between(r.started(), Instant.now()).toMillis() > 1500)
        .findFirst();
  }

  private static Optional<RunHistory.Run> recovery(RunHistory history, Instant since) {
    return history.all().stream()
        .filter(r -> r.trigger().equals("recovery") && r.started().isAfter(since))
        .findFirst();
  }

  private static void figure(String name, double value, String unit) {
    System.out.println(name + ": " + String.format(Locale.ROOT, "%.1f", value) + " " + unit);
  }

  private static void progress(String message) {
    System.err.println(message);
  }
}
