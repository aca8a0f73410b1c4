package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.Gpg;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * OpenPGP keys that cannot be used, through the command line: each is exit code 2 with a message
 * naming the file or variable, what is wrong and what to do, never a stack trace; a recipient's
 * weak key holds back that recipient only; an endless or blocking key file is refused at once.
 */
@ExtendWith(SampleWorkspaceExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
// waits on processes of its own: runs beside the other classes
@Execution(ExecutionMode.CONCURRENT)
class OpenPgpKeyProblemsTest {

  private static final String OURS = "SN-CERT Bulletin <bulletin@cert.example>";
  private static final String PUBLIC_KEY = "{\"public_key\": \"keys/signing-key.asc\"}";

  @TempDir static Path keys;

  private static Gpg gpg;
  private static Gpg.Key good;
  private static Gpg.Key rsa1024;
  private static Gpg.Key tenMinutesAhead;
  private static Gpg.Key twoHoursAhead;
  private static Gpg.Key bank;
  private static Gpg.Key energyWeak;
  private static Gpg.Key telecom;

  SampleWorkspace sample;

  @BeforeAll
  static void makeKeys() {
    assumeTrue(Gpg.installed(), "these keys are made with gpg, which is not installed");
    gpg = new Gpg(keys);
    good = gpg.makeKey(OURS, "future-default", "default", "2y");
    rsa1024 = gpg.makeKey(OURS, "rsa1024", "default", "2y");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    tenMinutesAhead = gpg.at(now.plusSeconds(600)).makeKey(OURS, "ed25519", "sign", "2y");
    twoHoursAhead = gpg.at(now.plus(Duration.ofHours(2))).makeKey(OURS, "ed25519", "sign", "2y");
    bank = gpg.makeKey("Bank CSIRT <security@bank.example>", "future-default", "default", "2y");
    String energy = gpg.generateKey("cert@energy.example", "rsa1024", "default", "2y");
    gpg.addSubkey(energy, "rsa1024", "encr", "2y");
    energyWeak = gpg.export(energy);
    telecom = gpg.makeKey("soc@telecom.example", "future-default", "default", "2y");
  }

  @AfterAll
  static void stopAgent() {
    if (gpg != null) {
      gpg.stopAgent();
    }
  }

  @BeforeEach
  void setUp(SampleWorkspace sample) throws Exception {
    this.sample = sample;
    Files.createDirectories(sample.data().resolve("keys"));
    sample.configure("openpgp", PUBLIC_KEY);
  }

  @Test
  void validateRefusesAnRsa1024SigningKeyNamingItsSizeAndHowToMakeANewOne() throws Exception {
    publish(rsa1024);

    CommandLineRun run = validate();

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("keys/signing-key.asc", "/openpgp/public_key", rsa1024.fingerprint())
        .contains("RSA 1024-bit", "at least 2048 bits")
        .contains("gpg --quick-gen-key \"" + OURS + "\" ed25519 sign 2y");
    assertNoStackTrace(run);
    // control: a current key validates
    publish(good);
    CommandLineRun control = validate();
    assertThat(control.exitCode()).as(control.err()).isZero();
  }

  @Test
  void aKeyFromAClockTwoHoursAheadIsRefusedUntilTheSkewAllowsIt() throws Exception {
    publish(twoHoursAhead);

    CommandLineRun run = validate();

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("keys/signing-key.asc", "was made at", "ahead of this machine's clock")
        .contains("openpgp.clock_skew (PT1H)", "check this machine's clock");
    assertNoStackTrace(run);

    sample.editConfig(json -> json.replace(PUBLIC_KEY, withSkew("PT3H")));
    CommandLineRun allowed = validate();
    assertThat(allowed.exitCode()).as(allowed.err()).isZero();
  }

  @Test
  void aKeyFromAClockTenMinutesAheadIsTakenUnlessNoSkewIsAllowed() throws Exception {
    publish(tenMinutesAhead);

    CommandLineRun run = validate();
    assertThat(run.exitCode()).as(run.err()).isZero();

    // control: the key is ahead (the machine took less than ten minutes to get here)
    sample.editConfig(json -> json.replace(PUBLIC_KEY, withSkew("PT0S")));
    CommandLineRun strict = validate();
    assumeTrue(strict.exitCode() != 0, "ten minutes went by: the key is no longer ahead");
    assertThat(strict.exitCode()).isEqualTo(2);
    assertThat(strict.err()).contains("ahead of this machine's clock", "openpgp.clock_skew (PT0S)");
  }

  @Test
  void aClockSkewOfMoreThanADayOrNotADurationIsAConfigurationError() {
    sample.editConfig(json -> json.replace(PUBLIC_KEY, withSkew("P2D")));
    CommandLineRun tooLong = validate();
    assertThat(tooLong.exitCode()).isEqualTo(2);
    assertThat(tooLong.err())
        .containsPattern(
            "config\\.json:\\d+:\\d+: /openpgp/clock_skew: 'P2D' is too long: at most P1D");

    sample.editConfig(json -> json.replace(withSkew("P2D"), withSkew("1 hour")));
    CommandLineRun notDuration = validate();
    assertThat(notDuration.exitCode()).isEqualTo(2);
    assertThat(notDuration.err()).contains("/openpgp/clock_skew", "ISO-8601 duration like PT1H");
  }

  @Test
  void aWeakRecipientKeyHoldsBackThatRecipientOnly() throws Exception {
    publish(good);
    keyring(bank, energyWeak, telecom);
    sample.encryptSectorPartners("required");

    CommandLineRun run = validate();

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("keys/sector-partners.asc", "/lists/1/keyring")
        .contains("the key of cert@energy.example cannot encrypt", "RSA 1024-bit")
        .contains("its owner must make a new key")
        .doesNotContain("security@bank.example", "soc@telecom.example");
    assertNoStackTrace(run);
    CommandLineRun status = status();
    assertThat(status.out())
        .contains("the key of cert@energy.example cannot encrypt", "RSA 1024-bit")
        .doesNotContain("security@bank.example", "soc@telecom.example");
    assertNoStackTrace(status);

    // control: a list that only encrypts when it can sends that recipient signed mail instead
    sample.editConfig(json -> json.replace("\"required\"", "\"when_possible\""));
    CommandLineRun whenPossible = validate();
    assertThat(whenPossible.exitCode()).as(whenPossible.err()).isZero();
  }

  @Test
  void filesThatAreNotKeysAreRefusedNamingTheFile() throws Exception {
    byte[] random = new byte[8192];
    new Random(3).nextBytes(random);
    Files.write(sample.data().resolve("keys/signing-key.asc"), random);
    CommandLineRun notKey = validate();
    assertThat(notKey.exitCode()).isEqualTo(2);
    assertThat(notKey.err())
        .contains("keys/signing-key.asc", "is not an OpenPGP key file", "gpg --export --armor");
    assertNoStackTrace(notKey);

    Files.write(sample.data().resolve("keys/signing-key.asc"), new byte[2 * 1024 * 1024]);
    CommandLineRun large = validate();
    assertThat(large.exitCode()).isEqualTo(2);
    assertThat(large.err())
        .contains("keys/signing-key.asc", "is larger than 1 MiB (1048576 bytes)");
  }

  @Test
  void aKeyringThatIsAPipeIsRefusedAtOnce() throws Exception {
    publish(good);
    sample.encryptSectorPartners("required");
    Path fifo = sample.data().resolve("keys/sector-partners.asc");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "no mkfifo");

    CommandLineRun run = validate();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("keys/sector-partners.asc", "not a regular file");
  }

  /** The secret key from the environment, in a real process: /dev/zero and a pipe as its file. */
  @Test
  void publishWithTheSecretKeyFileOnDevZeroOrAPipeStopsAtOnceWithExitCode2() throws Exception {
    publish(good);
    Path fifo = sample.root().resolve("secret.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "no mkfifo");

    for (String file : List.of("/dev/zero", fifo.toString())) {
      List<String> args = new ArrayList<>(List.of("publish"));
      args.addAll(List.of(sample.options()));
      try (CliProcess publish =
          CliProcess.start(
              sample.root().resolve("publish.log"),
              args,
              Map.of("CERT_BULLETIN_OPENPGP_KEY_FILE", file))) {
        // a JVM start on a busy machine, not a read of an endless file or a wait for a writer
        int exit = publish.await(Duration.ofMinutes(2));
        assertThat(exit).as(publish.output()).isEqualTo(2);
        assertThat(publish.output())
            .contains(file, "CERT_BULLETIN_OPENPGP_KEY_FILE", "is not a regular file")
            .doesNotContain("Exception", "OutOfMemory");
      }
    }
    assertThat(sample.out().resolve("site")).doesNotExist();
  }

  private static String withSkew(String skew) {
    return "{\"public_key\": \"keys/signing-key.asc\", \"clock_skew\": \"" + skew + "\"}";
  }

  private void publish(Gpg.Key key) throws Exception {
    Files.write(sample.data().resolve("keys/signing-key.asc"), key.publicKeyBytes());
  }

  private void keyring(Gpg.Key... members) throws Exception {
    ByteArrayOutputStream keyring = new ByteArrayOutputStream();
    for (Gpg.Key key : members) {
      keyring.write(key.publicKey().getBytes(StandardCharsets.US_ASCII));
    }
    Files.write(sample.data().resolve("keys/sector-partners.asc"), keyring.toByteArray());
  }

  private static void assertNoStackTrace(CommandLineRun run) {
    assertThat(run.out() + run.err())
        .doesNotContain("Exception", "unexpected failure")
        .doesNotContainPattern("\\n\\s+at [a-z]");
  }

  private CommandLineRun validate() {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));
  }

  private CommandLineRun status() {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), "status"));
  }
}
