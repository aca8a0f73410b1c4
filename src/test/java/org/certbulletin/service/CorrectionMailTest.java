package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.Config;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.Principal;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.Role;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.RunHistory;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A correction by mail over real SMTP, under {@code "approval": {"required": true}}: version 1 of
 * 2024-W51 is sent to the public list (English, TLP:CLEAR) and to the sector partners (Chinese,
 * TLP:AMBER); a reader joins the public list; version 2 is approved and published; sending the week
 * again sends the correction, once, to exactly version 1's recipients in their own edition.
 */
class CorrectionMailTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final WeekId W50 = WeekId.parse("2024-W50");

  private static final String GOOD = "The overall situation was good.";
  private static final String FAIR = "The overall situation was fair.";
  private static final String NOTE = "The rating was wrong.";

  private static final Principal ALICE = person("alice", Role.ANALYST);
  private static final Principal BOB = person("bob", Role.REVIEWER);
  private static final Principal CAROL = person("carol", Role.OPERATOR);

  private static final List<String> PUBLIC = List.of("p1@example.org", "p2@example.org");
  private static final List<String> PARTNERS = List.of("s1@bank.example", "s2@energy.example");
  private static final String NEWCOMER = "p3@example.org";

  @RegisterExtension static GreenMailExtension greenMail = TestSmtp.server();

  @TempDir Path root;

  private Application application;
  private ManualClock clock;
  private SampleWorkspace sample;

  private static Principal person(String name, Role... roles) {
    return new Principal(Principal.Kind.USER, name, name, Set.of(roles), Tlp.RED);
  }

  @BeforeEach
  void open() {
    sample = SampleWorkspace.copyTo(root.resolve("sample"));
    sample.configure("approval", "{\"required\": true, \"distinct_approver\": true}");
    sample.useLocalSmtp(greenMail.getSmtp().getPort());
    sample.editConfig(
        json ->
            json.replace(
                "\"clearance\": \"AMBER\",", "\"clearance\": \"AMBER\", \"language\": \"zh-CN\","));
    SampleWorkspace.write(
        sample.data().resolve("lists/public.txt"), String.join("\n", PUBLIC) + "\n");
    SampleWorkspace.write(
        sample.data().resolve("lists/sector-partners.txt"), String.join("\n", PARTNERS) + "\n");
    clock = new ManualClock(Instant.parse("2024-12-25T01:00:00Z"));
    application = Application.open(sample.workspace(), Map.of(), clock);
  }

  @AfterEach
  void close() {
    if (application != null) {
      application.close();
    }
  }

  private Bulletins as(Principal who) {
    return application.rereadBulletins(who, "127.0.0.1");
  }

  private DeliveryReport send(WeekId week, String list) throws Exception {
    return as(CAROL).send(week, list, new SendOptions(false, false, Map.of(), clock));
  }

  /** Version 1 of {@code week} approved by another person and published. */
  private void publishFirstVersion(WeekId week) throws InterruptedException {
    as(ALICE).submit(week, Optional.empty());
    as(BOB).approve(week);
    as(CAROL).publish(ProgressListener.NONE, false);
  }

  /** Version 2 of {@code week}: edited, submitted with a note, approved, published. */
  private void publishCorrection(WeekId week) throws InterruptedException {
    sample.editWeek(week.toString(), json -> json.replace(GOOD, FAIR));
    assertThat(as(ALICE).submit(week, Optional.of(NOTE)).number()).isEqualTo(2);
    as(BOB).approve(week);
    as(CAROL).publish(ProgressListener.NONE, false);
  }

  /** The messages received since the last {@link #purge}. */
  private static List<MimeMessage> received() {
    return List.of(greenMail.getReceivedMessages());
  }

  private static void purge() throws Exception {
    greenMail.purgeEmailFromAllMailboxes();
  }

  private static String recipient(MimeMessage message) throws Exception {
    return message.getAllRecipients()[0].toString();
  }

  /** Every text part of {@code part}, and the PDF's text as PDFBox reads it, one after another. */
  private static String text(Part part) throws Exception {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        all.append(text(multipart.getBodyPart(i))).append('\n');
      }
      return all.toString();
    }
    if (part.isMimeType("application/pdf")) {
      try (PDDocument document = Loader.loadPDF(part.getInputStream().readAllBytes())) {
        return "PDF: " + new PDFTextStripper().getText(document);
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    part.getDataHandler().writeTo(bytes);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theCorrectionReachesExactlyVersionOnesRecipientsOnceInTheirOwnEdition() throws Exception {
    publishFirstVersion(W51);
    assertThat(send(W51, "public").sent()).isEqualTo(2);
    assertThat(send(W51, "sector-partners").sent()).isEqualTo(2);
    List<MimeMessage> first = received();
    assertThat(first).hasSize(4).noneMatch(m -> subject(m).contains("Correction"));
    Map<String, String> firstIds = new HashMap<>();
    for (MimeMessage m : first) {
      firstIds.put(recipient(m), m.getMessageID());
    }

    SampleWorkspace.write(
        sample.data().resolve("lists/public.txt"),
        String.join("\n", PUBLIC) + "\n" + NEWCOMER + "\n");
    publishCorrection(W51);
    purge();

    DeliveryReport toPublic = send(W51, "public");
    DeliveryReport toPartners = send(W51, "sector-partners");

    assertThat(toPublic.correction()).contains(new DeliveryReport.Correction(2, 2));
    assertThat(toPublic.sent()).isEqualTo(2);
    assertThat(toPublic.complete()).isTrue();
    assertThat(toPartners.sent()).isEqualTo(2);
    assertThat(toPartners.edition()).isEqualTo(Tlp.AMBER);
    List<MimeMessage> corrections = received();
    Map<String, Long> copies =
        corrections.stream()
            .collect(Collectors.groupingBy(CorrectionMailTest::to, Collectors.counting()));
    assertThat(copies)
        .as("once each, to exactly version 1's recipients; not to the newcomer")
        .containsOnlyKeys(PUBLIC.get(0), PUBLIC.get(1), PARTNERS.get(0), PARTNERS.get(1))
        .allSatisfy((who, n) -> assertThat(n).isOne());
    for (MimeMessage m : corrections) {
      String who = recipient(m);
      String body = text(m);
      assertThat(m.getMessageID())
          .as("a new message, not a repeat")
          .isNotEqualTo(firstIds.get(who));
      assertThat(body).contains(NOTE);
      if (PUBLIC.contains(who)) {
        assertThat(subject(m)).startsWith("[Correction, version 2]").contains("TLP:CLEAR");
        assertThat(body).contains(FAIR).contains("Weekly Security Bulletin");
        assertThat(body.substring(body.indexOf("PDF: "))).as("the new PDF").contains("fair");
      } else {
        assertThat(subject(m)).startsWith("【更正·第2版】").contains("TLP:AMBER");
        assertThat(body).contains("本周概况").contains("更正（第2版）");
      }
    }
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      DeliveryLedger ledger = new DeliveryLedger(database.dataSource());
      assertThat(ledger.languages("2024-W51/v2", "sector-partners"))
          .containsOnlyKeys(PARTNERS)
          .containsValue("zh-CN");
      assertThat(ledger.languages("2024-W51/v2", "public")).containsValue("en");
      assertThat(ledger.entries("2024-W51/v2", "public"))
          .extracting(DeliveryLedger.Entry::recipient)
          .containsExactlyInAnyOrderElementsOf(PUBLIC);
    }

    DeliveryReport again = send(W51, "public");
    DeliveryReport againPartners = send(W51, "sector-partners");

    assertThat(again.sent()).isZero();
    assertThat(again.alreadySent()).isEqualTo(2);
    assertThat(againPartners.sent()).isZero();
    assertThat(received()).as("nothing sent a second time").hasSize(4);
  }

  @Test
  void aRecipientVersionOneWasStillDueToGetsTheLatestOnceAndTheReportSaysWhoWasCorrected()
      throws Exception {
    String due = "p4@example.org";
    publishFirstVersion(W51);
    assertThat(send(W51, "public").sent()).isEqualTo(2);
    SampleWorkspace.write(
        sample.data().resolve("lists/public.txt"),
        String.join("\n", PUBLIC) + "\n" + NEWCOMER + "\n" + due + "\n");
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      // version 1 was still due to it (a deferral, say) when version 2 came out
      new DeliveryLedger(database.dataSource())
          .enqueue("2024-W51", "public", "CLEAR", List.of(due), clock.instant());
    }
    publishCorrection(W51);
    purge();

    send(W51, "public");

    Map<String, Long> copies =
        received().stream()
            .collect(Collectors.groupingBy(CorrectionMailTest::to, Collectors.counting()));
    assertThat(copies)
        .as("version 1's recipients and the one it was still due to; not the newcomer")
        .containsOnlyKeys(PUBLIC.get(0), PUBLIC.get(1), due)
        .allSatisfy((who, n) -> assertThat(n).isOne());
    WeekReport report = as(CAROL).report(W51);
    assertThat(report.lists())
        .singleElement()
        .satisfies(
            list -> {
              assertThat(list.corrections())
                  .extracting(WeekReport.CorrectionStatus::recipient)
                  .containsExactlyInAnyOrder(PUBLIC.get(0), PUBLIC.get(1));
              assertThat(list.corrections())
                  .allSatisfy(c -> assertThat(c.state()).isEqualTo("sent"));
            });
    assertThat(String.join("\n", report.lines()))
        .contains("version 1 (en CLEAR): 2 sent, 1 pending")
        .contains("corrections: 2 of 2 earlier recipient(s) sent version 2");
  }

  @Test
  void aListNeverSentVersionOneGetsNoCorrectionButAFirstSendOfTheCurrentVersion() throws Exception {
    publishFirstVersion(W51);
    send(W51, "public");
    publishCorrection(W51);
    purge();

    DeliveryReport first = send(W51, "government");

    assertThat(first.correction()).isEmpty();
    assertThat(first.sent()).isEqualTo(2);
    assertThat(received())
        .allSatisfy(m -> assertThat(subject(m)).contains("Correction, version 2"))
        .extracting(CorrectionMailTest::to)
        .containsExactlyInAnyOrder("duty-officer@ministry.example", "soc@agency.example");
  }

  @Test
  void theDaemonSendsACorrectionOfAnEarlierWeekToTheListsThatHadItOnly() throws Exception {
    publishFirstVersion(W50);
    assertThat(send(W50, "public").sent()).isEqualTo(2);
    sample.editWeek(
        W50.toString(), json -> json.replace("The situation was fair:", "The situation was poor:"));
    as(ALICE).submit(W50, Optional.of(NOTE));
    as(BOB).approve(W50);
    as(ALICE).submit(W51, Optional.empty());
    as(BOB).approve(W51);
    Instant firing = Instant.parse("2024-12-25T02:00:00Z");
    Config config = new DataDirectory(sample.data()).config();
    assertThat(DueWeek.at(firing, config.schedule().orElseThrow().zone())).isEqualTo(W51);

    RunResult result;
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      ScheduledPublish publish =
          new ScheduledPublish(
              application::freshBulletins,
              application::reviews,
              new RunHistory(database.dataSource()),
              new OperatorAlerts(config, Map.of()),
              config.schedule().orElseThrow(),
              clock,
              "local",
              RunRecorder.Audit.NONE);
      result = publish.run(firing, TriggerKind.SCHEDULE, 1);
    }

    assertThat(result.succeeded()).as(result.detail()).isTrue();
    assertThat(result.corrections())
        .as("W50's version 2, to the one list that had version 1; W51 is due, sent as usual")
        .containsOnlyKeys(W50)
        .containsEntry(W50, List.of("public"));
    DeliveryReport correction = send(W50, "public");
    assertThat(correction.correction()).isPresent();
    assertThat(correction.sent()).isEqualTo(2);
  }

  private static String to(MimeMessage message) {
    try {
      return recipient(message);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
