package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.certbulletin.testing.PgpKeys;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code validate} and {@code status} on the OpenPGP keys a send will need: ours expired, a
 * recipient's expired, ours expiring soon, and the list settings that need each other.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class OpenPgpKeyCheckTest {

  private static final String SECTOR_LIST = "\"recipients_file\": \"lists/sector-partners.txt\",";

  private static PGPSecretKeyRing ours;
  private static PGPSecretKeyRing oursExpired;
  private static PGPSecretKeyRing energyExpired;
  private static PGPSecretKeyRing bank;
  private static PGPSecretKeyRing oursIn20Days;
  private static PGPSecretKeyRing oursIn60Days;

  SampleWorkspace sample;

  /**
   * A key cannot be made already expired: two are made to expire in three seconds, and the class
   * waits that out once.
   */
  @BeforeAll
  static void makeKeys() throws InterruptedException {
    Instant now = Instant.now();
    Instant soon = now.plusSeconds(3);
    oursExpired =
        PgpKeys.key("SN-CERT <bulletin@cert.example>", now.minus(Duration.ofDays(400)), soon);
    energyExpired = PgpKeys.key("cert@energy.example", now.minus(Duration.ofDays(400)), soon);
    ours = PgpKeys.key("SN-CERT <bulletin@cert.example>");
    bank = PgpKeys.key("security@bank.example");
    oursIn20Days =
        PgpKeys.key(
            "SN-CERT <bulletin@cert.example>",
            now.minus(Duration.ofDays(300)),
            now.plus(Duration.ofDays(20)));
    oursIn60Days =
        PgpKeys.key(
            "SN-CERT <bulletin@cert.example>",
            now.minus(Duration.ofDays(300)),
            now.plus(Duration.ofDays(60)));
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), soon).toMillis() + 1500));
  }

  @BeforeEach
  void setUp(SampleWorkspace sample) throws Exception {
    this.sample = sample;
    Files.createDirectories(sample.data().resolve("keys"));
    sample.configure("openpgp", "{\"public_key\": \"keys/signing-key.asc\"}");
  }

  @Test
  void validateRefusesOurExpiredKeyAndSaysWhatToDo() throws Exception {
    publish(oursExpired);

    CommandLineRun run = validate();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("keys/signing-key.asc", "/openpgp/public_key", "expired on")
        .contains("gpg --quick-set-expire", "CERT_BULLETIN_OPENPGP_KEY");
  }

  @Test
  void validateRefusesAnExpiredRecipientKeyOfARequiredListOnly() throws Exception {
    publish(ours);
    keyring(bank, energyExpired);

    sample.encryptSectorPartners("when_possible");
    CommandLineRun control = validate();
    assertThat(control.exitCode()).as(control.err()).isZero();

    sample.editConfig(json -> json.replace("\"when_possible\"", "\"required\""));
    CommandLineRun run = validate();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("keys/sector-partners.asc", "/lists/1/keyring")
        .contains("key of cert@energy.example cannot encrypt", "expired on")
        .contains("not sent the bulletin until a current key is added")
        .doesNotContain("security@bank.example");
  }

  @Test
  void statusWarnsThirtyDaysBeforeOurKeyExpiresAndShowsWhoIsHeld() throws Exception {
    publish(oursIn60Days);
    CommandLineRun control = status();
    assertThat(control.out()).doesNotContain("openpgp keys:", "expires on");

    publish(oursIn20Days);
    keyring(bank);
    sample.encryptSectorPartners("required");
    CommandLineRun run = status();
    assertThat(run.out())
        .contains("openpgp keys:")
        .containsPattern(
            "warning .*signing-key\\.asc: the CERT's signing key .* expires on .*\\(in 19 days\\)")
        .contains("extend it and publish the new public key")
        .contains("holds no key for cert@energy.example")
        .contains("soc@telecom.example is not sent the bulletin until");
  }

  @Test
  void listSettingsThatNeedEachOtherAreErrorsWithTheirPointers() {
    sample.editConfig(
        json ->
            json.replace(
                    "\"format\": \"html\",\n      \"unsubscribe\"",
                    "\"format\": \"html\", \"openpgp\": \"inline\",\n      \"unsubscribe\"")
                .replace(SECTOR_LIST, SECTOR_LIST + " \"keyring\": \"keys/partners.asc\",")
                .replace(
                    "\"format\": \"text\"\n", "\"format\": \"text\", \"encrypt\": \"required\"\n"));

    CommandLineRun run = validate();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .containsPattern(
            "config\\.json:\\d+:\\d+: /lists/0/openpgp: inline signing clear-signs a plain-text"
                + " body")
        .containsPattern("/lists/1/keyring: a keyring is read only by a list that encrypts")
        .containsPattern("/lists/2/encrypt: encrypting needs the recipients' public keys");
  }

  private void publish(PGPSecretKeyRing key) throws Exception {
    Files.write(sample.data().resolve("keys/signing-key.asc"), PgpKeys.publicKey(key));
  }

  private void keyring(PGPSecretKeyRing... keys) throws Exception {
    ByteArrayOutputStream keyring = new ByteArrayOutputStream();
    for (PGPSecretKeyRing key : keys) {
      keyring.write(PgpKeys.publicKey(key));
    }
    Files.write(sample.data().resolve("keys/sector-partners.asc"), keyring.toByteArray());
  }

  private CommandLineRun validate() {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));
  }

  private CommandLineRun status() {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), "status"));
  }
}
