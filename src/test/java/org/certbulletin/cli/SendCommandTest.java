package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.certbulletin.testing.DkimCheck;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code send} as an operator runs it, without an SMTP server: the dry run and the usage errors.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class SendCommandTest {

  SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
  }

  @Test
  void aDryRunWritesTheEditionToTheOutbox() throws Exception {
    CommandLineRun run = send("2024-W51", "--list", "sector-partners", "--dry-run");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "2024-W51 sector-partners (TLP:AMBER): 3 messages written to",
            "(dry run); nothing sent");
    try (var files = Files.list(sample.out().resolve("outbox/2024-W51/sector-partners"))) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .containsExactly(
              "00001-security@bank.example.eml",
              "00002-cert@energy.example.eml",
              "00003-soc@telecom.example.eml");
    }
    assertThat(sample.out().resolve("site")).doesNotExist();
  }

  @Test
  void aDryRunLargerThanTheOutboxLimitSaysSoFirstAndWritesNothingUnlessForced() throws Exception {
    Path outbox = sample.out().resolve("outbox/2024-W51/sector-partners");

    CommandLineRun refused =
        send("2024-W51", "--list", "sector-partners", "--dry-run", "--outbox-limit", "0");

    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err())
        .contains("3 messages of about", "more than the outbox limit of 0.0 MB", "--force");
    assertThat(emlFiles(outbox)).as("nothing written").isZero();

    CommandLineRun forced =
        send(
            "2024-W51", "--list", "sector-partners", "--dry-run", "--outbox-limit", "0", "--force");

    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(emlFiles(outbox)).isEqualTo(3);
  }

  @Test
  void aRefusedDryRunLeavesTheEarlierOutboxAsItWas() throws Exception {
    Path outbox = sample.out().resolve("outbox/2024-W51/sector-partners");
    CommandLineRun earlier = send("2024-W51", "--list", "sector-partners", "--dry-run");
    assertThat(earlier.exitCode()).as(earlier.err()).isZero();
    assertThat(emlFiles(outbox)).isEqualTo(3);

    CommandLineRun refused =
        send("2024-W51", "--list", "sector-partners", "--dry-run", "--outbox-limit", "0");

    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
    assertThat(emlFiles(outbox)).as("the earlier dry run's files").isEqualTo(3);
    assertThat(refused.err()).contains("the outbox was left as it was");
  }

  private static long emlFiles(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (var files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".eml")).count();
    }
  }

  @Test
  void anUnknownListIsAUsageError() {
    CommandLineRun run = send("2024-W51", "--list", "everyone", "--dry-run");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("no list 'everyone'", "lists: public, sector-partners, government");
  }

  @Test
  void aBulletinAboveTheListsClearanceIsRefused() {
    sample.editWeek("2024-W51", json -> json.replace("\"tlp\": \"CLEAR\"", "\"tlp\": \"AMBER\""));
    CommandLineRun run = send("2024-W51", "--list", "public", "--dry-run");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("the bulletin is marked TLP:AMBER, above the list's clearance TLP:CLEAR");
    assertThat(sample.out().resolve("outbox/2024-W51/public")).doesNotExist();
  }

  @Test
  void messagesAreDkimSignedOverTheListHeaders() throws Exception {
    sample.configure("dkim", "{\"domain\": \"cert.example\", \"selector\": \"bulletin2024\"}");
    DkimCheck dkim = DkimCheck.withNewKey();
    Path key = sample.root().resolve("dkim.pem");
    Files.writeString(key, dkim.environment().get("CERT_BULLETIN_DKIM_PRIVATE_KEY"));
    var service =
        new org.certbulletin.service.MailService(
            new org.certbulletin.service.BulletinService(sample.workspace()),
            org.certbulletin.mail.MailTransport.SMTP);
    var report =
        service.send(
            org.certbulletin.model.WeekId.parse("2024-W51"),
            "public",
            new org.certbulletin.service.SendOptions(
                true,
                false,
                java.util.Map.of("CERT_BULLETIN_DKIM_PRIVATE_KEY_FILE", key.toString()),
                java.time.Clock.systemUTC()));

    try (var files = Files.list(report.outbox().orElseThrow())) {
      Path first = files.sorted().findFirst().orElseThrow();
      byte[] raw = Files.readAllBytes(first);
      assertThat(dkim.verify(raw))
          .as("verified by jDKIM against the public key")
          .isEqualTo("cert.example");
      String message = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
      String unsubscribeChanged = message.replaceFirst("email=", "email=x");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  dkim.verify(
                      unsubscribeChanged.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
          .as("a changed List-Unsubscribe fails")
          .isInstanceOf(AssertionError.class);
      String headers = message.split("\r\n\r\n", 2)[0].replaceAll("\r\n[ \t]+", " ");
      String signature =
          headers.lines().filter(l -> l.startsWith("DKIM-Signature:")).findFirst().orElseThrow();
      assertThat(signature).contains("d=cert.example", "s=bulletin2024", "a=rsa-sha256", "b=");
      String signed =
          signature.replaceAll(".*\\bh=([^;]+);.*", "$1").toLowerCase(java.util.Locale.ROOT);
      assertThat(signed)
          .contains(
              "from",
              "subject",
              "message-id",
              "list-id",
              "list-unsubscribe",
              "list-unsubscribe-post");
      assertThat(headers)
          .as("the stable Message-ID survives signing")
          .containsPattern("(?m)^Message-ID: <2024-w51\\.[0-9a-f]{32}@cert\\.example>$");
    }
  }

  @Test
  void aDkimKeyUnder1024BitsIsRefused() throws Exception {
    sample.configure("dkim", "{\"domain\": \"cert.example\", \"selector\": \"s1\"}");
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(512);
    String pem =
        Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
    var service =
        new org.certbulletin.service.MailService(
            new org.certbulletin.service.BulletinService(sample.workspace()),
            org.certbulletin.mail.MailTransport.SMTP);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                service.send(
                    org.certbulletin.model.WeekId.parse("2024-W51"),
                    "public",
                    new org.certbulletin.service.SendOptions(
                        true,
                        false,
                        java.util.Map.of("CERT_BULLETIN_DKIM_PRIVATE_KEY", pem),
                        java.time.Clock.systemUTC())))
        .hasMessageContaining("512 bits")
        .hasMessageContaining("RFC 8301");
  }

  @Test
  void aMissingDkimKeySaysWhereToPutIt() throws Exception {
    sample.configure("dkim", "{\"domain\": \"cert.example\", \"selector\": \"s1\"}");
    CommandLineRun run = send("2024-W51", "--list", "public", "--dry-run");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("CERT_BULLETIN_DKIM_PRIVATE_KEY");
  }

  private CommandLineRun send(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "send";
    System.arraycopy(args, 0, command, 1, args.length);
    return CommandLineRun.of(CommandLineRun.join(sample.options(), command));
  }
}
