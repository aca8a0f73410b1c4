package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.certbulletin.model.Contact;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Issuer;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.MailBodies;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.MailService;
import org.certbulletin.service.SendOptions;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.SyntheticData;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nothing that reaches a mail header may carry a line break: header injection is refused at every
 * step. Each refusal is paired with the same value on one line going through the same path into its
 * header, so a refusal cannot pass by refusing everything.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class HeaderSafetyTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final String READER = "reader@example.org";

  @RegisterExtension static GreenMailExtension greenMail = TestSmtp.server();

  SampleWorkspace sample;

  @BeforeEach
  void pointTheSampleAtTheTestServer(SampleWorkspace sample) throws IOException {
    this.sample = sample;
    sample.useLocalSmtp(greenMail.getSmtp().getPort());
  }

  @Test
  void aHeaderValueWithALineBreakIsRefusedWithTheHeadersName() {
    assertThatThrownBy(() -> Headers.safe("Subject", "Bulletin\r\nBcc: everyone@example.org"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("Subject header")
        .hasMessageContaining("refusing a value with a control character")
        .message()
        .as("the message itself breaks no log line")
        .doesNotContain("\r", "\n");
  }

  @Test
  void theSameValueOnOneLineIsAccepted() {
    assertThat(Headers.safe("Subject", "Bulletin Bcc: everyone@example.org"))
        .isEqualTo("Bulletin Bcc: everyone@example.org");
    assertThat(Headers.safe("Subject", "[TLP:CLEAR] Weekly\tBulletin"))
        .as("a tab is not a line break")
        .isEqualTo("[TLP:CLEAR] Weekly\tBulletin");
  }

  /**
   * A value that reaches a header when a message is built, as it would arrive if it got past the
   * configuration's checks.
   */
  enum MessageInput {
    ISSUER_NAME(
        "From",
        "Sample CERT\r\nBcc: everyone@example.org",
        "Sample CERT Bcc: everyone@example.org") {
      @Override
      MimeMessage build(String value) throws MessagingException {
        return factory(issuer(value), "Weekly Security Bulletin").build(READER);
      }

      @Override
      String read(MimeMessage message) throws MessagingException {
        return ((InternetAddress) message.getFrom()[0]).getPersonal();
      }
    },
    SUBJECT(
        "Subject",
        "Weekly Security Bulletin\r\nBcc: everyone@example.org",
        "Weekly Security Bulletin Bcc: everyone@example.org") {
      @Override
      MimeMessage build(String value) throws MessagingException {
        return factory(issuer("Sample CERT"), value).build(READER);
      }

      @Override
      String read(MimeMessage message) throws MessagingException {
        return message.getSubject();
      }
    },
    RECIPIENT("To", READER + "\r\nBcc: everyone@example.org", READER) {
      @Override
      MimeMessage build(String value) throws MessagingException {
        return factory(issuer("Sample CERT"), "Weekly Security Bulletin").build(value);
      }

      @Override
      String read(MimeMessage message) throws MessagingException {
        return message.getHeader("To", ",");
      }
    };

    final String header;
    final String injected;
    final String oneLine;

    MessageInput(String header, String injected, String oneLine) {
      this.header = header;
      this.injected = injected;
      this.oneLine = oneLine;
    }

    abstract MimeMessage build(String value) throws MessagingException;

    abstract String read(MimeMessage message) throws MessagingException;
  }

  @ParameterizedTest
  @EnumSource(MessageInput.class)
  void aValueThatWouldInjectAHeaderBuildsNoMessage(MessageInput input) {
    assertThatThrownBy(() -> input.build(input.injected))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(input.header + " header")
        .hasMessageContaining("refusing a value with a control character");
  }

  @ParameterizedTest
  @EnumSource(MessageInput.class)
  void theSameValueOnOneLineBuildsAMessageWithItInItsHeader(MessageInput input)
      throws MessagingException {
    MimeMessage message = input.build(input.oneLine);

    assertThat(input.read(message)).isEqualTo(input.oneLine);
    assertThat(message.getHeader("Bcc")).isNull();
  }

  /**
   * A configuration field that reaches a header, with the edit that gives it a suffix. The tests on
   * these render and send the edition, so they are in the slow set, refusal and control together.
   */
  enum ConfigField {
    LIST_DESCRIPTION(
        "\"description\": \"Public subscribers\"",
        "\"description\": \"Public subscribers%s\"",
        "/lists/0/description",
        "Public subscribers") {
      @Override
      String read(MimeMessage message) throws MessagingException {
        return message.getHeader("List-Id", null);
      }
    },
    ISSUER_NAME(
        "\"name\": \"Sample National CERT\"",
        "\"name\": \"Sample National CERT%s\"",
        "/issuer/name",
        "Sample National CERT") {
      @Override
      String read(MimeMessage message) throws MessagingException {
        return ((InternetAddress) message.getFrom()[0]).getPersonal();
      }
    },
    FROM_NAME(
        "\"from\": \"bulletin@cert.example\",",
        "\"from\": \"bulletin@cert.example\", \"from_name\":" + " \"Bulletin desk%s\",",
        "/smtp/from_name",
        "Bulletin desk") {
      @Override
      String read(MimeMessage message) throws MessagingException {
        return ((InternetAddress) message.getFrom()[0]).getPersonal();
      }
    };

    final String original;
    final String edited;
    final String pointer;
    final String value;

    ConfigField(String original, String edited, String pointer, String value) {
      this.original = original;
      this.edited = edited;
      this.pointer = pointer;
      this.value = value;
    }

    abstract String read(MimeMessage message) throws MessagingException;
  }

  @ParameterizedTest
  @EnumSource(ConfigField.class)
  @Tag("slow")
  void aConfigFieldThatWouldInjectAHeaderIsNamedAndNothingIsSentOrWritten(ConfigField field)
      throws IOException {
    int line = editConfig(field, "\\r\\nBcc: all@example.org");

    assertThatThrownBy(() -> send(false))
        .isInstanceOfSatisfying(
            InvalidDataException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        problem -> {
                          assertThat(Path.of(problem.file())).isEqualTo(config());
                          assertThat(problem.location().line()).isEqualTo(line);
                          assertThat(problem.pointer()).isEqualTo(field.pointer);
                          assertThat(problem.message())
                              .isEqualTo(
                                  "'"
                                      + field.value
                                      + "U+000DU+000ABcc: all@example.org' must be a single line"
                                      + " without control characters");
                        }));
    assertThat(greenMail.getReceivedMessages()).as("sent").isEmpty();
    assertThatThrownBy(() -> send(true)).isInstanceOf(InvalidDataException.class);
    assertThat(sample.out().resolve("outbox")).as("written by a dry run").doesNotExist();
  }

  @ParameterizedTest
  @EnumSource(ConfigField.class)
  @Tag("slow")
  void theSameConfigFieldOnOneLineIsSentAndWrittenWithItInItsHeader(ConfigField field)
      throws Exception {
    editConfig(field, " Bcc: all@example.org");

    assertThat(send(false).sent()).isEqualTo(4);
    assertThat(send(true).outbox().orElseThrow()).isDirectoryContaining("glob:**.eml");

    assertThat(greenMail.getReceivedMessages())
        .hasSize(4)
        .allSatisfy(
            message -> {
              assertThat(field.read(message)).contains(field.value + " Bcc: all@example.org");
              assertThat(message.getHeader("Bcc")).isNull();
            });
    assertThat(greenMail.getReceivedMessages())
        .extracting(SendTest::recipient)
        .doesNotContain("all@example.org");
  }

  /** Applies {@code field}'s edit with {@code suffix}; returns the line of config.json it is on. */
  private int editConfig(ConfigField field, String suffix) throws IOException {
    String text = Files.readString(config());
    assertThat(text).contains(field.original);
    String edited = String.format(java.util.Locale.ROOT, field.edited, suffix);
    text = text.replace(field.original, edited);
    Files.writeString(config(), text);
    return text.substring(0, text.indexOf(edited)).split("\n", -1).length;
  }

  private Path config() {
    return sample.data().resolve("config.json");
  }

  private DeliveryReport send(boolean dryRun) throws Exception {
    return new MailService(new BulletinService(sample.workspace()), MailTransport.SMTP)
        .send(W51, "public", new SendOptions(dryRun, false, Map.of(), Clock.systemUTC()));
  }

  private static MessageFactory factory(Issuer issuer, String subject) throws MessagingException {
    DistributionList list =
        new DistributionList(
            "public",
            "Public",
            List.of(READER),
            Optional.empty(),
            Tlp.CLEAR,
            Optional.empty(),
            DistributionList.Format.HTML,
            Optional.empty(),
            null,
            null,
            Optional.empty(),
            Optional.empty());
    ListEdition edition =
        new ListEdition(
            list,
            new SyntheticData(1).week(W51, 1, 0),
            new MailBodies(subject, "<p>x</p>", "x"),
            new byte[] {1},
            "x.pdf");
    return new MessageFactory(
        edition,
        issuer,
        "bulletin@cert.example",
        Optional.empty(),
        jakarta.mail.Session.getInstance(new Properties()),
        Optional.empty(),
        Optional.empty());
  }

  private static Issuer issuer(String name) {
    return new Issuer(
        name,
        "SN-CERT",
        "Weekly Security Bulletin",
        new Contact("a@cert.example", Optional.empty(), Optional.empty(), Optional.empty()),
        Optional.empty(),
        ZoneId.of("UTC"),
        Locale.ENGLISH);
  }
}
