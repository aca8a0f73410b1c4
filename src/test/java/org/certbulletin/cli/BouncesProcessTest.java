package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.BounceSettings;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.Subscriber;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.DeliveryRun;
import org.certbulletin.store.Subscribers;
import org.certbulletin.subscribe.ReturnPath;
import org.certbulletin.subscribe.SubscriberKey;
import org.certbulletin.testing.BounceFixtures;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code cert-bulletin bounces} as a mail server runs it ({@code |cert-bulletin bounces} in {@code
 * /etc/aliases}): a real process with the message on its standard input, and the exit code the
 * server acts on.
 */
// waits on processes of its own: runs beside the other classes
@Execution(ExecutionMode.CONCURRENT)
class BouncesProcessTest {

  private static final String KEY = "a-subscriber-key-of-at-least-32-characters";
  private static final String ALICE = "alice@example.org";

  @TempDir Path root;

  private SampleWorkspace sample;

  @BeforeEach
  void setUp() {
    sample = SampleWorkspace.copyTo(root.resolve("work"));
    sample.configure("bounces", "{\"address\": \"bounces@cert.example\"}");
  }

  @Test
  void aBouncePipedInSuspendsTheAddressAndExitsZero() throws Exception {
    long delivery;
    try (Database database = open()) {
      delivery = sent(new DeliveryLedger(database.dataSource()));
    }
    ReturnPath returnPath =
        new ReturnPath(
            new BounceSettings("bounces@cert.example", 0, Optional.empty()),
            SubscriberKey.from(Map.of(SubscriberKey.VARIABLE, KEY)));
    Path message = root.resolve("bounce.eml");
    Files.write(
        message,
        BounceFixtures.fill(
            "postfix-hard.eml",
            Map.of(
                "RETURN_PATH",
                returnPath.address(ReturnPath.Kind.BOUNCE, delivery),
                "RECIPIENT",
                ALICE,
                "MESSAGE_ID",
                "2024-w51." + delivery + "@cert.example")));

    Run run = bounces(message, Map.of(SubscriberKey.VARIABLE, KEY));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("processed: list public: hard bounce (5.1.1) of delivery " + delivery)
        .doesNotContain(ALICE);
    try (Database database = open()) {
      assertThat(new Subscribers(database.dataSource()).find("public", ALICE))
          .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(Subscriber.Status.SUSPENDED));
    }

    Run again = bounces(message, Map.of(SubscriberKey.VARIABLE, KEY));

    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.output()).contains("ignored: this report was processed before");
  }

  @Test
  void whatIsNoMessageExitsTwoAndSaysWhat() throws Exception {
    Path garbage = root.resolve("garbage");
    Files.writeString(garbage, "not a mail at all\nreally not\n");

    Run run = bounces(garbage, Map.of(SubscriberKey.VARIABLE, KEY));

    assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
    assertThat(run.output())
        .contains("cannot read the message on standard input", "not an RFC 822");
  }

  @Test
  void aStateDatabaseThatFailsExitsWithTempfailSoThatTheMailServerTriesAgain() throws Exception {
    sample.configure("state", "{\"jdbc_url\": \"jdbc:postgresql://127.0.0.1:9/nothing\"}");
    Path message = root.resolve("bounce.eml");
    Files.write(
        message,
        BounceFixtures.fill(
            "postfix-hard.eml",
            Map.of(
                "RETURN_PATH", "bounces+d1.0123456789abcdef@cert.example",
                "RECIPIENT", ALICE,
                "MESSAGE_ID", "x@cert.example")));

    Run run = bounces(message, Map.of(SubscriberKey.VARIABLE, KEY));

    assertThat(run.exitCode()).as(run.output()).isEqualTo(75);
    assertThat(run.output()).contains("state database", "try again later");
  }

  private Database open() {
    return Database.open(StateSettings.defaults(), new OutputLayout(sample.out()));
  }

  private static long sent(DeliveryLedger ledger) {
    Instant now = Instant.now();
    ledger.enqueue("2024-W51", "public", "CLEAR", List.of(ALICE), now);
    long id = ledger.entries("2024-W51", "public").get(0).id();
    try (DeliveryRun run = ledger.start("2024-W51", "public", now)) {
      run.claim(id, "<2024-w51." + id + "@cert.example>", now);
      run.sent(id, "250 2.0.0 Ok", now);
    }
    return id;
  }

  private record Run(int exitCode, String output) {}

  private Run bounces(Path input, Map<String, String> environment)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(CliProcess.javaCommand("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    command.add("bounces");
    command.addAll(List.of(sample.options()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(input.toFile())
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("output.txt").toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    Patience patience = Patience.of(java.time.Duration.ofMinutes(2));
    if (!process.waitFor(patience.remainingNanos(), TimeUnit.NANOSECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("cert-bulletin bounces did not end");
    }
    return new Run(
        process.exitValue(), Files.readString(root.resolve("output.txt"), StandardCharsets.UTF_8));
  }
}
