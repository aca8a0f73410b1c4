package org.certbulletin.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.testing.Gpg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenPGP keys with the problems operators and recipients meet, made with {@code gpg} as they make
 * them: each is refused or held back with a message that says what is wrong and what to do, and
 * none makes anything throw but {@link InvalidDataException}.
 */
class KeyProblemsTest {

  private static final Duration SKEW = Duration.ofHours(1);
  private static final String OURS = "SN-CERT Bulletin <bulletin@cert.example>";

  @TempDir static Path folder;

  private static Gpg gpg;
  private static Gpg.Key good;
  private static Gpg.Key rsa1024;
  private static Gpg.Key dsa;
  private static Gpg.Key weakEncryptionSubkey;
  private static Gpg.Key noSigningKey;
  private static Gpg.Key tenSecondsAhead;
  private static Gpg.Key tenMinutesAhead;
  private static Gpg.Key twoHoursAhead;

  /** When the keys made "ahead" were made ahead of: the machine's clock as they are checked. */
  private static Instant madeAt;

  @BeforeAll
  static void makeKeys() {
    assumeTrue(Gpg.installed(), "these keys are made with gpg, which is not installed");
    gpg = new Gpg(folder);
    good = gpg.makeKey(OURS, "future-default", "default", "2y");
    rsa1024 = gpg.makeKey(OURS, "rsa1024", "default", "2y");
    dsa = gpg.makeKey(OURS, "dsa2048", "default", "2y");
    String mixed = gpg.generateKey("Mixed <mixed@partner.example>", "ed25519", "sign", "2y");
    gpg.addSubkey(mixed, "rsa1024", "encr", "2y");
    weakEncryptionSubkey = gpg.export(mixed);
    String certifyOnly = gpg.generateKey(OURS, "ed25519", "cert", "2y");
    gpg.addSubkey(certifyOnly, "cv25519", "encr", "2y");
    noSigningKey = gpg.export(certifyOnly);
    madeAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    tenSecondsAhead = gpg.at(madeAt.plusSeconds(10)).makeKey(OURS, "ed25519", "sign", "2y");
    tenMinutesAhead = gpg.at(madeAt.plusSeconds(600)).makeKey(OURS, "ed25519", "sign", "2y");
    twoHoursAhead =
        gpg.at(madeAt.plus(Duration.ofHours(2))).makeKey(OURS, "future-default", "default", "2y");
  }

  @AfterAll
  static void stopAgent() {
    if (gpg != null) {
      gpg.stopAgent();
    }
  }

  @Test
  void anRsa1024KeyIsRefusedNamingItsSizeAndHowToMakeANewKey() {
    Certificate weak = certificate(rsa1024);
    Instant now = Instant.now();

    assertThat(weak.state(now, SKEW).problem(KeyUse.SIGN, now))
        .get()
        .asString()
        .contains(rsa1024.fingerprint(), "RSA 1024-bit", "at least 2048 bits")
        .contains("make a new key: gpg --quick-gen-key \"" + OURS + "\" ed25519 sign 2y");
    assertThatThrownBy(() -> SigningKey.load(weak, rsa1024.environment(), now, SKEW))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("cannot sign with it")
        .hasMessageContaining("RSA 1024-bit");
    // control: a current key made the same way signs
    assertThat(SigningKey.load(certificate(good), good.environment(), now, SKEW).certificate())
        .isEqualTo(certificate(good));
  }

  @Test
  void aDsaKeyIsRefusedWhateverItsSize() {
    Instant now = Instant.now();
    assertThat(certificate(dsa).state(now, SKEW).problem(KeyUse.SIGN, now))
        .get()
        .asString()
        .contains("DSA 2048-bit", "no longer accepted", "gpg --quick-gen-key");
    assertThatThrownBy(() -> SigningKey.load(certificate(dsa), dsa.environment(), now, SKEW))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("DSA 2048-bit");
  }

  @Test
  void aKeySelfSignedTenSecondsAfterTheMomentItIsCheckedAtIsAccepted() {
    Certificate ahead = certificate(tenSecondsAhead);

    assertThat(ahead.state(madeAt, SKEW).problem(KeyUse.SIGN, madeAt)).isEmpty();
    assertThat(SigningKey.load(ahead, tenSecondsAhead.environment(), madeAt, SKEW).certificate())
        .isEqualTo(ahead);
    // control: with no skew allowed, the same key at the same moment is a clock problem
    assertThat(ahead.state(madeAt, Duration.ZERO).problem(KeyUse.SIGN, madeAt))
        .get()
        .asString()
        .contains("ahead of this machine's clock", "check this machine's clock");
  }

  @Test
  void aKeyFromAClockTenMinutesAheadSignsAsOfItsOwnTimeSoGpgVerifiesIt() throws Exception {
    Instant now = Instant.now();
    assumeTrue(now.isBefore(madeAt.plusSeconds(600)), "the machine took ten minutes to get here");
    Certificate ahead = certificate(tenMinutesAhead);
    SigningKey key = SigningKey.load(ahead, tenMinutesAhead.environment(), now, SKEW);
    byte[] data = "the bulletin".getBytes(StandardCharsets.US_ASCII);

    byte[] signature = key.detachedSignature(data);

    // a signature dated before its key would never verify; read a minute after the key was made
    Gpg reader = new Gpg(folder.resolve("reader")).at(madeAt.plusSeconds(660));
    assertThat(reader.verifyDetached(tenMinutesAhead.publicKeyBytes(), signature, data))
        .isEqualTo(tenMinutesAhead.fingerprint());
    reader.stopAgent();
  }

  @Test
  void aKeyMadeTwoHoursAheadIsRefusedWithBothTimesAndTheAdviceToCheckTheClock() {
    Certificate ahead = certificate(twoHoursAhead);
    String keyTime = madeAt.plus(Duration.ofHours(2)).toString();

    assertThat(ahead.state(madeAt, SKEW).problem(KeyUse.SIGN, madeAt))
        .get()
        .asString()
        .contains("was made at " + keyTime)
        .contains("2 h ahead of this machine's clock (" + madeAt + ")")
        .contains("openpgp.clock_skew (PT1H)", "check this machine's clock");
    assertThatThrownBy(() -> SigningKey.load(ahead, twoHoursAhead.environment(), madeAt, SKEW))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("was made at " + keyTime);
    // control: a skew of three hours takes it
    assertThat(ahead.state(madeAt, Duration.ofHours(3)).problem(KeyUse.SIGN, madeAt)).isEmpty();
  }

  @Test
  void aKeyWithoutASigningKeyIsRefusedWithHowToAddOne() {
    Instant now = Instant.now();
    assertThatThrownBy(
            () -> SigningKey.load(certificate(noSigningKey), noSigningKey.environment(), now, SKEW))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("has no valid signing key")
        .hasMessageContaining(
            "gpg --quick-add-key " + noSigningKey.fingerprint() + " ed25519 sign");
  }

  @Test
  void secretSubkeysWithoutTheSigningKeysSecretAreRefused() {
    Map<String, String> environment = new HashMap<>(good.environment());
    environment.put(SigningKey.KEY_VARIABLE, gpg.exportSecretSubkeys(good.fingerprint()));

    assertThatThrownBy(() -> SigningKey.load(certificate(good), environment, Instant.now(), SKEW))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("holds no secret for the signing key")
        .hasMessageContaining("--export-secret-subkeys")
        .hasMessageContaining("gpg --export-secret-keys --armor " + good.fingerprint());
  }

  @Test
  void aKeyWithoutAUserIdIsRefused() throws Exception {
    PGPPublicKeyRing ring = certificate(good).keys();
    PGPPublicKey primary = ring.getPublicKey();
    for (String userId : List.of(OURS)) {
      primary = PGPPublicKey.removeCertification(primary, userId);
    }
    Certificate anonymous = new Certificate(PGPPublicKeyRing.insertPublicKey(ring, primary));
    Instant now = Instant.now();

    assertThat(anonymous.userId()).isEmpty();
    assertThat(anonymous.state(now, SKEW).problem(KeyUse.SIGN, now))
        .get()
        .asString()
        .contains("has no user id", "export it again");
  }

  @Test
  void aKeyringHoldsBackOnlyTheRecipientsWhoseKeysAreWeak() {
    Gpg partners = new Gpg(folder.resolve("partners"));
    Gpg.Key bank = partners.makeKey("security@bank.example", "future-default", "default", "2y");
    String weakFingerprint =
        partners.generateKey("cert@energy.example", "rsa1024", "default", "2y");
    partners.addSubkey(weakFingerprint, "rsa1024", "encr", "2y");
    Gpg.Key energy = partners.export(weakFingerprint);
    Gpg.Key telecom = partners.makeKey("soc@telecom.example", "future-default", "default", "2y");
    partners.stopAgent();
    Keyring keyring =
        new Keyring(
            List.of(
                certificate(bank),
                certificate(energy),
                certificate(weakEncryptionSubkey),
                certificate(telecom)),
            "data/keys/partners.asc",
            SKEW);
    Instant now = Instant.now();

    Keyring.Lookup weak = keyring.lookup("cert@energy.example", now);
    assertThat(weak.usable()).isEmpty();
    assertThat(weak.problem())
        .get()
        .asString()
        .contains("the key of cert@energy.example cannot encrypt", "RSA 1024-bit")
        .contains("its owner must make a new key");
    Keyring.Lookup weakSubkey = keyring.lookup("mixed@partner.example", now);
    assertThat(weakSubkey.usable()).isEmpty();
    assertThat(weakSubkey.problem())
        .get()
        .asString()
        .contains("has no valid encryption key", "its encryption key", "RSA 1024-bit");
    for (String address : List.of("security@bank.example", "soc@telecom.example")) {
      Keyring.Lookup fine = keyring.lookup(address, now);
      assertThat(fine.problem()).as(address).isEmpty();
      assertThat(fine.encryption().getEncryptionKeyIdentifiers()).as(address).hasSize(1);
    }
  }

  @Test
  void aRecipientKeyFromAClockFarAheadIsHeldBackSayingSo() {
    Keyring keyring =
        new Keyring(List.of(certificate(twoHoursAhead)), "data/keys/partners.asc", SKEW);

    Keyring.Lookup lookup = keyring.lookup("bulletin@cert.example", madeAt);

    assertThat(lookup.usable()).isEmpty();
    assertThat(lookup.problem())
        .get()
        .asString()
        .contains("ahead of this machine's clock", "openpgp.clock_skew");
  }

  private static Certificate certificate(Gpg.Key key) {
    List<Certificate> certificates = KeyFiles.parse(key.publicKeyBytes(), "keys/test.asc");
    assertThat(certificates).hasSize(1);
    return certificates.get(0);
  }
}
