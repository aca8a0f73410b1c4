package org.certbulletin.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.testing.Gpg;
import org.certbulletin.testing.PgpKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

  private static final String USER = "SN-CERT <bulletin@cert.example>";
  private static final Duration SKEW = Duration.ofHours(1);
  private static PGPSecretKeyRing key;
  private static Certificate certificate;

  @TempDir Path temp;

  @BeforeAll
  static void makeKey() {
    key = PgpKeys.key(USER);
    certificate = KeyFiles.parse(PgpKeys.publicKey(key), "keys/signing.asc").get(0);
  }

  @Test
  void aDetachedSignatureVerifiesWithGpgAndATamperedFileDoesNot() {
    SigningKey signing =
        SigningKey.load(certificate, PgpKeys.environment(key), Instant.now(), SKEW);
    byte[] pdf = "%PDF-1.7 the bulletin".getBytes(StandardCharsets.US_ASCII);
    byte[] signature = signing.detachedSignature(pdf);

    assertThat(new String(signature, StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN PGP SIGNATURE-----");
    Gpg gpg = new Gpg(temp);
    assertThat(gpg.verifyDetached(PgpKeys.publicKey(key), signature, pdf))
        .isEqualTo(certificate.fingerprint())
        .isEqualTo(PgpKeys.fingerprint(key));

    byte[] tampered = pdf.clone();
    tampered[0] = 'X';
    assertThatThrownBy(() -> gpg.verifyDetached(PgpKeys.publicKey(key), signature, tampered))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void theFingerprintReadsAsGpgPrintsIt() {
    String hex = certificate.fingerprint();
    assertThat(hex).matches("[0-9A-F]{40}");
    assertThat(certificate.spacedFingerprint())
        .isEqualTo(
            String.join(" ", hex.substring(0, 4), hex.substring(4, 8), hex.substring(8, 12))
                + " "
                + String.join(" ", hex.substring(12, 16), hex.substring(16, 20))
                + "  "
                + String.join(
                    " ",
                    hex.substring(20, 24),
                    hex.substring(24, 28),
                    hex.substring(28, 32),
                    hex.substring(32, 36),
                    hex.substring(36, 40)));
    assertThat(certificate.userId()).contains(USER);
  }

  @Test
  void withoutAKeyInTheEnvironmentTheMessageSaysWhereToPutIt() {
    assertThatThrownBy(() -> SigningKey.load(certificate, Map.of(), Instant.now(), SKEW))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(SigningKey.KEY_VARIABLE)
        .hasMessageContaining(SigningKey.KEY_FILE_VARIABLE);
  }

  @Test
  void aWrongOrMissingPassphraseIsNamedAndNeverShown() {
    Map<String, String> wrong = new HashMap<>(PgpKeys.environment(key));
    wrong.put(SigningKey.PASSPHRASE_VARIABLE, "hunter2");
    assertThatThrownBy(() -> SigningKey.load(certificate, wrong, Instant.now(), SKEW))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("does not unlock")
        .hasMessageNotContaining("hunter2");

    Map<String, String> missing = new HashMap<>(PgpKeys.environment(key));
    missing.remove(SigningKey.PASSPHRASE_VARIABLE);
    assertThatThrownBy(() -> SigningKey.load(certificate, missing, Instant.now(), SKEW))
        .hasMessageContaining("set it in " + SigningKey.PASSPHRASE_VARIABLE);
  }

  @Test
  void theKeyFromAFileWorksLikeTheKeyFromTheVariable() throws Exception {
    Path file = temp.resolve("secret.asc");
    java.nio.file.Files.writeString(file, PgpKeys.secretKey(key));
    Map<String, String> environment =
        Map.of(
            SigningKey.KEY_FILE_VARIABLE,
            file.toString(),
            SigningKey.PASSPHRASE_VARIABLE,
            PgpKeys.PASSPHRASE);
    assertThat(SigningKey.load(certificate, environment, Instant.now(), SKEW).certificate())
        .isEqualTo(certificate);
  }

  @Test
  void aSecretKeyThatIsNotThePublishedOneIsRefused() {
    PGPSecretKeyRing other = PgpKeys.key("Someone Else <else@example.org>");
    assertThatThrownBy(
            () -> SigningKey.load(certificate, PgpKeys.environment(other), Instant.now(), SKEW))
        .hasMessageContaining("but the data folder publishes " + certificate.fingerprint());
  }

  /**
   * Every moment the key is checked at is read after the key was made: its self-signatures are
   * dated when it was made (not at its creation date), and a check before them would find none. No
   * clock skew is allowed, so nothing depends on two clock readings being close.
   */
  @Test
  void anExpiredKeyCannotSignAndOneAboutToExpireIsWarnedOf() {
    // a key cannot be made already expired: make one that expires in 10 days, seen 20 days on
    Instant beforeMaking = Instant.now();
    PGPSecretKeyRing expired =
        PgpKeys.key(
            USER, beforeMaking.minus(Duration.ofDays(400)), beforeMaking.plus(Duration.ofDays(10)));
    Instant later = Instant.now().plus(Duration.ofDays(20));
    Certificate old = new Certificate(org.pgpainless.PGPainless.extractCertificate(expired));
    assertThat(old.state(later, Duration.ZERO).problem(KeyUse.SIGN, later))
        .get()
        .asString()
        .contains("expired on");
    assertThatThrownBy(
            () -> SigningKey.load(old, PgpKeys.environment(expired), later, Duration.ZERO))
        .hasMessageContaining("cannot sign with it")
        .hasMessageContaining("expired on");

    PGPSecretKeyRing soon =
        PgpKeys.key(
            USER,
            Instant.now().minus(Duration.ofDays(300)),
            Instant.now().plus(Duration.ofDays(20)));
    Instant now = Instant.now();
    KeyState state =
        new Certificate(org.pgpainless.PGPainless.extractCertificate(soon))
            .state(now, Duration.ZERO);
    assertThat(state.problem(KeyUse.SIGN, now)).isEmpty();
    assertThat(state.expiresSoon(now, KeyState.EXPIRY_WARNING))
        .get()
        .asString()
        .contains("expires on")
        .contains("(in 19 days)");
    // control: the same key seen from 40 days earlier is not about to expire
    Instant earlier = now.minus(Duration.ofDays(40));
    assertThat(state.expiresSoon(earlier, KeyState.EXPIRY_WARNING)).isEmpty();
  }

  @Test
  void aRevokedKeyIsReported() {
    Certificate revoked =
        new Certificate(org.pgpainless.PGPainless.extractCertificate(PgpKeys.revoked(key)));
    Instant now = Instant.now();
    assertThat(revoked.state(now, Duration.ZERO).problem(KeyUse.SIGN, now))
        .get()
        .asString()
        .contains("was revoked");
    assertThat(revoked.state(now, Duration.ZERO).problem(KeyUse.ENCRYPT, now)).isPresent();
    // control: the same key before revocation is fine for both uses
    assertThat(certificate.state(now, Duration.ZERO).problem(KeyUse.SIGN, now)).isEmpty();
    assertThat(certificate.state(now, Duration.ZERO).problem(KeyUse.ENCRYPT, now)).isEmpty();
  }

  @Test
  void aKeyFileWithASecretKeyOrNoKeyIsRefused() {
    byte[] secret = PgpKeys.secretKey(key).getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> KeyFiles.parse(secret, "data/keys/partners.asc"))
        .hasMessageContaining("data/keys/partners.asc")
        .hasMessageContaining("holds the secret key of " + certificate.fingerprint());
    assertThatThrownBy(
            () ->
                KeyFiles.parse(
                    "not a key\n".getBytes(StandardCharsets.US_ASCII), "data/keys/partners.asc"))
        .hasMessageContaining("gpg --export --armor");

    byte[] two =
        (new String(PgpKeys.publicKey(key), StandardCharsets.US_ASCII)
                + new String(
                    PgpKeys.publicKey(PgpKeys.key("B <b@example.org>")), StandardCharsets.US_ASCII))
            .getBytes(StandardCharsets.US_ASCII);
    List<Certificate> both = KeyFiles.parse(two, "data/keys/partners.asc");
    assertThat(both).hasSize(2);
    assertThat(both.get(0)).isEqualTo(certificate);
  }
}
