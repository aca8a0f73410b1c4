package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.Principal;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.Eventually;
import org.certbulletin.testing.FaultySmtpProxy;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The real {@code send} command sending a correction in a child process, killed with SIGKILL: once
 * while the server's {@code 250} for a correction it took is on its way back (the window SMTP
 * cannot close), once after a few corrections went out. Sent again, every recipient of version 1
 * has exactly one correction, except the one whose acceptance went unrecorded: the ledger calls it
 * uncertain, names it, and sends it again only on request. Nobody gets two copies unasked, and the
 * reader who joined after version 1 gets none.
 */
@Tag("slow")
// waits on processes of its own: runs beside the other tests (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
class CorrectionKillTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final int READERS = 40;
  private static final String NEWCOMER = "newcomer@example.org";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final Principal ALICE = person("alice", Role.ANALYST);
  private static final Principal BOB = person("bob", Role.REVIEWER);
  private static final Principal CAROL = person("carol", Role.OPERATOR);

  @RegisterExtension static GreenMailExtension greenMail = TestSmtp.server();

  @TempDir Path root;

  private SampleWorkspace sample;
  private FaultySmtpProxy proxy;
  private final List<String> readers = new ArrayList<>();

  private static Principal person(String name, Role... roles) {
    return new Principal(Principal.Kind.USER, name, name, Set.of(roles), Tlp.RED);
  }

  @AfterEach
  void stopProxy() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
  }

  private Application open() {
    return Application.open(
        sample.workspace(), Map.of(), new ManualClock(Instant.parse("2024-12-25T01:00:00Z")));
  }

  private void writeReaders(String... more) {
    List<String> all = new ArrayList<>(readers);
    all.addAll(List.of(more));
    SampleWorkspace.write(sample.data().resolve("lists/public.txt"), String.join("\n", all) + "\n");
  }

  private DeliveryReport send(boolean resendUncertain) throws Exception {
    try (Application application = open()) {
      return application
          .rereadBulletins(CAROL, "127.0.0.1")
          .send(
              W51,
              "public",
              new SendOptions(false, resendUncertain, Map.of(), application.clock()));
    }
  }

  private CliProcess sendInChild(int run) {
    List<String> args = new ArrayList<>(List.of("send", W51.toString(), "--list", "public"));
    args.addAll(Arrays.asList(sample.options()));
    return CliProcess.start(sample.root().resolve("send-" + run + ".log"), args);
  }

  @Test
  void killedMidCorrectionEveryVersionOneRecipientEndsWithOneCopy() throws Exception {
    sample = SampleWorkspace.copyTo(root.resolve("sample"));
    proxy = new FaultySmtpProxy(greenMail.getSmtp().getPort());
    sample.configure("approval", "{\"required\": true, \"distinct_approver\": true}");
    sample.configure(
        "smtp",
        "{\"host\": \"127.0.0.1\", \"port\": "
            + proxy.port()
            + ", \"security\": \"none\", \"from\": \"bulletin@cert.example\", \"timeout\":"
            + " \"PT120S\", \"rate_per_second\": 5000, \"retry_attempts\": 4, \"retry_backoff\":"
            + " \"PT60S\"}");
    for (int i = 0; i < READERS; i++) {
      readers.add(String.format(Locale.ROOT, "reader%03d@example.org", i));
    }
    writeReaders();
    try (Application application = open()) {
      Bulletins alice = application.rereadBulletins(ALICE, "127.0.0.1");
      Bulletins bob = application.rereadBulletins(BOB, "127.0.0.1");
      alice.submit(W51, Optional.empty());
      bob.approve(W51);
      application.rereadBulletins(CAROL, "127.0.0.1").publish(ProgressListener.NONE, false);
    }
    assertThat(send(false).sent()).isEqualTo(READERS);
    writeReaders(NEWCOMER);
    sample.editWeek(
        W51.toString(),
        json -> json.replace("The overall situation was good.", "The overall situation was fair."));
    try (Application application = open()) {
      application
          .rereadBulletins(ALICE, "127.0.0.1")
          .submit(W51, Optional.of("The rating was wrong."));
      application.rereadBulletins(BOB, "127.0.0.1").approve(W51);
      application.rereadBulletins(CAROL, "127.0.0.1").publish(ProgressListener.NONE, false);
    }
    greenMail.purgeEmailFromAllMailboxes();

    // the first kill: the server took a correction, its 250 is held back, the sender dies
    String acceptedUnrecorded;
    try (CliProcess child = sendInChild(1)) {
      int held = proxy.heldSoFar();
      proxy.holdAcceptances(1, 120_000);
      Eventually.await(WAIT, "a 250 held back", () -> proxy.heldSoFar() > held);
      MimeMessage[] messages = greenMail.getReceivedMessages();
      acceptedUnrecorded = messages[messages.length - 1].getAllRecipients()[0].toString();
      assertThat(child.isAlive()).as(child.output()).isTrue();
      assertThat(child.kill()).isEqualTo(CliProcess.KILLED);
      proxy.holdAcceptances(0, 0);
    }
    // the second: after a few more corrections went out
    try (CliProcess child = sendInChild(2)) {
      int target = greenMail.getReceivedMessages().length + 3;
      assertThat(greenMail.waitForIncomingEmail(Patience.stretched(WAIT).toMillis(), target))
          .as(child.output())
          .isTrue();
      assertThat(child.isAlive()).as("still sending: %s", child.output()).isTrue();
      assertThat(child.kill()).isEqualTo(CliProcess.KILLED);
    }
    assertThat(greenMail.getReceivedMessages().length)
        .as("the kills came mid-correction")
        .isLessThan(READERS);

    DeliveryReport resumed = send(false);

    assertThat(resumed.correction()).contains(new DeliveryReport.Correction(2, READERS));
    List<String> uncertain =
        resumed.uncertain().stream().map(u -> u.substring(0, u.indexOf(' '))).toList();
    assertThat(uncertain)
        .as("at most one per kill, and the one whose 250 was held back")
        .hasSizeLessThanOrEqualTo(2)
        .contains(acceptedUnrecorded);
    assertThat(resumed.failed()).isEmpty();
    assertThat(resumed.deferred()).isEmpty();
    Map<String, Long> before = copies();
    assertThat(before).doesNotContainKey(NEWCOMER);
    assertThat(before.keySet()).allMatch(readers::contains);
    for (String reader : readers) {
      assertThat(before.getOrDefault(reader, 0L))
          .as(reader)
          .isBetween(uncertain.contains(reader) ? 0L : 1L, 1L);
    }
    assertThat(before.get(acceptedUnrecorded)).isOne();

    DeliveryReport resent = send(true);

    assertThat(resent.complete()).as(resent.toString()).isTrue();
    assertThat(resent.sent()).isEqualTo(uncertain.size());
    Map<String, Long> after = copies();
    assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(readers);
    for (String reader : readers) {
      assertThat(after.get(reader))
          .as(reader)
          .isEqualTo(before.getOrDefault(reader, 0L) + (uncertain.contains(reader) ? 1 : 0));
    }
    assertThat(send(false).sent()).as("nothing left to send").isZero();
    assertThat(copies()).isEqualTo(after);
  }

  private static Map<String, Long> copies() {
    return Arrays.stream(greenMail.getReceivedMessages())
        .collect(
            Collectors.groupingBy(
                m -> {
                  try {
                    return m.getAllRecipients()[0].toString();
                  } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                  }
                },
                Collectors.counting()));
  }
}
