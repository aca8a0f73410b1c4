package org.certbulletin.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.certbulletin.mail.MailTransport;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.MailService;
import org.certbulletin.service.SendOptions;
import org.certbulletin.testing.SmtpSink;

/**
 * Messages per second to {@link #RECIPIENTS} recipients, the PDF attached, through a local SMTP
 * server, with every ledger write durable: {@code mail_msgs_per_s} is the rate at which the server
 * accepted them (first to last message), {@code mail_setup_s} the time before the first (rendering
 * the list's edition, opening the ledger, queuing the list), {@code mail_total_s} and {@code
 * mail_overall_msgs_per_s} the whole send's; {@code mail_signed_msgs_per_s} and {@code
 * mail_encrypted_msgs_per_s} the accepted rate with every message OpenPGP-signed, and signed and
 * encrypted to each recipient's own key. {@code mail_editions_msgs_per_s} is the accepted rate when
 * the {@link #RECIPIENTS} are subscribers in the state database with {@link #CHOICES} different
 * choices of vendors and sectors, each choice leaving some of the week out (a body of its own,
 * rendered and signed once per choice: {@code mail_editions_rendered} counts the renders). The
 * sending runs inside this JVM.
 */
final class MailThroughput {

  static final int RECIPIENTS = 2000;

  /** How many different choices the subscribers of {@code mail_editions} make. */
  static final int CHOICES = 20;

  /** What the messages carry: nothing more, an OpenPGP signature, or that and encryption. */
  private enum Shape {
    PLAIN("mail", ""),
    SIGNED("mail_signed", ", OpenPGP-signed"),
    ENCRYPTED("mail_encrypted", ", OpenPGP-signed and encrypted"),
    EDITIONS("mail_editions", ", subscribers of " + CHOICES + " different choices");

    final String prefix;
    final String described;

    Shape(String prefix, String described) {
      this.prefix = prefix;
      this.described = described;
    }
  }

  private MailThroughput() {}

  /**
   * Sends in each shape, or only those {@code -Dmail.shapes} names ({@code plain,editions}: a
   * shorter run).
   */
  static void run(Setup setup) throws IOException, InterruptedException {
    List<String> only =
        List.of(System.getProperty("mail.shapes", "").toLowerCase(Locale.ROOT).split(",", -1));
    for (Shape shape : Shape.values()) {
      if (only.equals(List.of("")) || only.contains(shape.name().toLowerCase(Locale.ROOT))) {
        send(setup, shape);
      }
    }
  }

  private static void send(Setup setup, Shape shape) throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("cert-bulletin-mail");
    Path data = scratch.resolve("data");
    DataFolders.copy(setup.data(), data);
    List<String> addresses = DataFolders.publicList(data, shape == Shape.EDITIONS ? 0 : RECIPIENTS);
    Map<String, String> environment = System.getenv();
    if (shape == Shape.EDITIONS) {
      Figures.progress("mail: " + RECIPIENTS + " subscribers of " + CHOICES + " choices");
      ChoosingSubscribers.add(
          new BulletinService(setup.workspace(data, scratch.resolve("out"))),
          setup.week(),
          RECIPIENTS,
          CHOICES);
    } else if (shape != Shape.PLAIN) {
      Figures.progress(
          "mail: making OpenPGP keys" + (shape == Shape.ENCRYPTED ? " (one per recipient)" : ""));
      environment = MailKeys.signing(data);
      if (shape == Shape.ENCRYPTED) {
        MailKeys.encryptTo(data, addresses);
      }
    }
    try (SmtpSink sink = new SmtpSink()) {
      ConfigFile.smtp(data, sink.port(), 10000);
      Figures.progress(
          "mail: sending "
              + setup.week()
              + " to "
              + RECIPIENTS
              + " recipients (PDF attached"
              + shape.described
              + ") through a local SMTP server, with the delivery ledger");
      // made after the smtp settings are written: a service reads the configuration once
      BulletinService bulletins = new BulletinService(setup.workspace(data, scratch.resolve("out")));
      long start = System.nanoTime();
      DeliveryReport report =
          new MailService(bulletins, MailTransport.SMTP)
              .send(
                  setup.week(),
                  "public",
                  new SendOptions(false, false, environment, Clock.systemUTC()));
      double seconds = (System.nanoTime() - start) / 1e9;
      if (report.sent() != RECIPIENTS || sink.messages() != RECIPIENTS) {
        throw new IllegalStateException(
            "sent " + report.sent() + ", the server got " + sink.messages());
      }
      Figures figures = setup.figures();
      figures.add(shape.prefix + "_msgs_per_s", sink.acceptedPerSecond(), "messages/s");
      if (shape == Shape.PLAIN) {
        figures.add("mail_setup_s", (sink.firstAcceptedNanos() - start) / 1e9, "s");
        figures.add("mail_total_s", seconds, "s");
        figures.add("mail_overall_msgs_per_s", RECIPIENTS / seconds, "messages/s");
      }
      if (shape == Shape.EDITIONS) {
        figures.add(
            "mail_editions_rendered",
            ChoosingSubscribers.rendered(bulletins.layout(), setup.week()),
            "editions");
      }
    }
  }
}
