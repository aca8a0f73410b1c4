package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.MailService;
import org.certbulletin.service.SendOptions;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sending to distribution lists through a real SMTP server (GreenMail). */
@Tag("slow")
@ExtendWith(SampleWorkspaceExtension.class)
class SendTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  @RegisterExtension static GreenMailExtension greenMail = TestSmtp.server();

  SampleWorkspace sample;

  @BeforeEach
  void setUp(SampleWorkspace sample) throws Exception {
    this.sample = sample;
    sample.useLocalSmtp(greenMail.getSmtp().getPort());
  }

  @Test
  void aThousandRecipientsEachReceiveExactlyOneWellFormedMessage() throws Exception {
    List<String> readers = MailFixture.publicSubscribers(sample, 1000);

    DeliveryReport report = send("public");

    assertThat(report.sent()).isEqualTo(1000);
    assertThat(report.complete()).isTrue();
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1000);
    Map<String, Long> perRecipient =
        java.util.Arrays.stream(received)
            .collect(Collectors.groupingBy(SendTest::recipient, Collectors.counting()));
    assertThat(perRecipient.keySet()).containsExactlyInAnyOrderElementsOf(readers);
    assertThat(perRecipient.values()).allMatch(count -> count == 1);

    MimeMessage message = received[0];
    assertThat(message.getSubject())
        .isEqualTo("[TLP:CLEAR] Weekly Security Bulletin 2024-W51 (No. 51) - Sample National CERT");
    assertThat(message.getContentType()).startsWith("multipart/mixed");
    Multipart mixed = (Multipart) message.getContent();
    assertThat(mixed.getCount()).isEqualTo(2);
    Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
    assertThat(alternative.getContentType()).startsWith("multipart/alternative");
    assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
    String html = (String) alternative.getBodyPart(1).getContent();
    assertThat(html)
        .contains("TLP:CLEAR", "146")
        .doesNotContain("<img", "<link", "<script", "src=\"http");
    assertThat((String) alternative.getBodyPart(0).getContent()).startsWith("TLP:CLEAR");
    BodyPart pdf = mixed.getBodyPart(1);
    assertThat(pdf.getContentType()).startsWith("application/pdf");
    assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
    assertThat(pdf.getFileName()).isEqualTo("SN-CERT-2024-W51-CLEAR.pdf");
    try (PDDocument document = Loader.loadPDF(pdf.getInputStream().readAllBytes())) {
      assertThat(new PDFTextStripper().getText(document)).contains("Apache NimBLE", "TLP:CLEAR");
    }
    String to = recipient(message);
    assertThat(message.getHeader("Message-ID")[0])
        .matches("<2024-w51\\.[0-9a-f]{32}@cert\\.example>");
    assertThat(message.getHeader("List-Id")[0])
        .isEqualTo("\"Public subscribers\" <public.sn-cert.cert.example>");
    assertThat(message.getHeader("List-Unsubscribe")[0])
        .isEqualTo(
            "<https://cert.example/bulletins/unsubscribe?"
                + "list=public&email="
                + to.replace("@", "%40")
                + ">, <mailto:unsubscribe@cert.example?subject=unsubscribe%20public>");
    assertThat(message.getHeader("List-Unsubscribe-Post")[0])
        .isEqualTo("List-Unsubscribe=One-Click");
  }

  @Test
  void anAmberItemReachesTheAmberListInEveryPartAndNoneOfTheClearList() throws Exception {
    String amber = "Credential-stuffing campaign against energy-sector VPN portals";

    assertThat(send("sector-partners").edition().label()).isEqualTo("TLP:AMBER");
    assertThat(send("public").edition().label()).isEqualTo("TLP:CLEAR");

    for (MimeMessage message : greenMail.getReceivedMessages()) {
      boolean partner =
          recipient(message).endsWith(".example")
              && !recipient(message).endsWith("example.org")
              && !recipient(message).endsWith("example.net")
              && !recipient(message).endsWith("example.com");
      Map<String, String> parts = texts(message);
      if (partner) {
        assertThat(message.getSubject()).startsWith("[TLP:AMBER]");
        assertThat(parts.get("text/html")).contains(amber);
        assertThat(parts.get("text/plain")).contains(amber);
        assertThat(parts.get("application/pdf")).contains("Credential-stuffing campaign");
      } else {
        assertThat(message.getSubject()).startsWith("[TLP:CLEAR]");
        assertThat(parts.values()).noneMatch(text -> text.contains("Credential-stuffing"));
      }
    }
  }

  @Test
  void aBulletinMarkedAboveAListsClearanceIsRefused() throws Exception {
    sample.editWeek("2024-W51", json -> json.replace("\"tlp\": \"CLEAR\"", "\"tlp\": \"AMBER\""));
    assertThatThrownBy(() -> send("public"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("2024-W51.json")
        .hasMessageContaining(
            "refusing to send 2024-W51 to list 'public': the bulletin is marked TLP:AMBER, above"
                + " the list's clearance TLP:CLEAR");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aDryRunWritesParseableMessagesAndSendsNothing() throws Exception {
    DeliveryReport report =
        new MailService(new BulletinService(sample.workspace()), MailTransport.SMTP)
            .send(W51, "public", new SendOptions(true, false, Map.of(), Clock.systemUTC()));

    assertThat(greenMail.getReceivedMessages()).isEmpty();
    Path outbox = report.outbox().orElseThrow();
    try (var files = Files.list(outbox)) {
      List<Path> emls = files.sorted().toList();
      assertThat(emls).hasSize(4);
      MimeMessage parsed = new MimeMessage(null, Files.newInputStream(emls.get(0)));
      assertThat(parsed.getSubject()).startsWith("[TLP:CLEAR] Weekly Security Bulletin 2024-W51");
      assertThat(parsed.getAllRecipients()[0].toString()).isEqualTo("alice@example.org");
      assertThat(texts(parsed)).containsKeys("text/plain", "text/html", "application/pdf");
    }
  }

  @Test
  void recipientsAreDeduplicatedIgnoringCase() throws Exception {
    Files.writeString(
        sample.data().resolve("lists/public.txt"),
        """
        a@example.org
        A@example.org  # one mailbox: no second copy
        a@EXAMPLE.ORG  # same as the first

        # comment
        b@example.org
        """);
    send("public");
    assertThat(greenMail.getReceivedMessages())
        .extracting(SendTest::recipient)
        .containsExactlyInAnyOrder("a@example.org", "b@example.org");
  }

  @Test
  void badAddressesAreReportedByLineAndTheListIsNotSent() throws Exception {
    Files.writeString(
        sample.data().resolve("lists/public.txt"),
        "ok@example.org\nnot-an-address\nbob@localhost\nEve <eve@example.org>\n");
    assertThatThrownBy(() -> send("public"))
        .hasMessageContaining("public.txt:2: not-an-address: missing '@'")
        .hasMessageContaining(
            "public.txt:3: bob@localhost: the domain 'localhost' is not a full domain name")
        .hasMessageContaining("public.txt:4: Eve <eve@example.org>: write the bare address only");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aRecipientsFileCannotBeOutsideTheDataFolder() throws Exception {
    Path config = sample.data().resolve("config.json");
    Files.writeString(sample.root().resolve("outside.txt"), "x@example.org\n");
    Files.createSymbolicLink(
        sample.data().resolve("lists/link.txt"), sample.root().resolve("outside.txt"));
    Files.writeString(
        config, Files.readString(config).replace("lists/public.txt", "lists/link.txt"));
    assertThatThrownBy(() -> send("public")).hasMessageContaining("is outside the data folder");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aSecondRunSendsNothingAgain() throws Exception {
    send("public");
    DeliveryReport again = send("public");
    assertThat(again.sent()).isZero();
    assertThat(again.alreadySent()).isEqualTo(4);
    assertThat(greenMail.getReceivedMessages()).hasSize(4);
  }

  private DeliveryReport send(String list) throws Exception {
    return new MailService(new BulletinService(sample.workspace()), MailTransport.SMTP)
        .send(W51, list, new SendOptions(false, false, Map.of(), Clock.systemUTC()));
  }

  static String recipient(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text of each part by content type; the PDF's text as PDFBox reads it. */
  static Map<String, String> texts(Part part) throws Exception {
    Map<String, String> texts = new java.util.HashMap<>();
    collect(part, texts);
    return texts;
  }

  private static void collect(Part part, Map<String, String> texts) throws Exception {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i), texts);
      }
    } else if (part.isMimeType("application/pdf")) {
      try (PDDocument document = Loader.loadPDF(part.getInputStream().readAllBytes())) {
        texts.put("application/pdf", new PDFTextStripper().getText(document));
      }
    } else {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      part.getDataHandler().writeTo(bytes);
      texts.put(
          part.getContentType().split(";", -1)[0].strip(),
          bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
