package org.certbulletin.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.testing.PgpKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgpainless.PGPainless;
import org.pgpainless.encryption_signing.EncryptionOptions;
import org.pgpainless.encryption_signing.EncryptionStream;
import org.pgpainless.encryption_signing.ProducerOptions;

/**
 * Key files and secret keys that are not keys, or are damaged ones: whatever the OpenPGP library
 * makes of them, the program says so as bad input ({@link InvalidDataException}) naming the file or
 * variable and what to do, and nothing else escapes, not from reading, judging or looking up.
 */
class KeyFileFuzzTest {

  private static final Duration SKEW = Duration.ofHours(1);
  private static final String FILE = "data/keys/partners.asc";

  private static PGPSecretKeyRing key;
  private static byte[] publicKey;

  @BeforeAll
  static void makeKey() {
    key = PgpKeys.key("SN-CERT <bulletin@cert.example>");
    publicKey = PgpKeys.publicKey(key);
  }

  @Test
  void filesThatAreNotKeysAreRefusedWithTheirNameAndWhatToDo() throws Exception {
    for (Map.Entry<String, byte[]> notKey : notKeys().entrySet()) {
      assertThatThrownBy(() -> KeyFiles.parse(notKey.getValue(), FILE))
          .as(notKey.getKey())
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining(FILE)
          .hasMessageContaining("gpg --export --armor")
          .hasMessageNotContaining("Exception");
      Map<String, String> environment =
          Map.of(
              SigningKey.KEY_VARIABLE,
              new String(notKey.getValue(), StandardCharsets.ISO_8859_1),
              SigningKey.PASSPHRASE_VARIABLE,
              PgpKeys.PASSPHRASE);
      Certificate published = KeyFiles.parse(publicKey, FILE).get(0);
      assertThatThrownBy(() -> SigningKey.load(published, environment, Instant.now(), SKEW))
          .as(notKey.getKey())
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining(SigningKey.KEY_VARIABLE)
          .hasMessageContaining("gpg --export-secret-keys --armor")
          .hasMessageNotContaining("Exception");
    }
  }

  @Test
  void damagedPublicKeysAreRefusedOrJudgedNeverThrowingAnythingElse() throws Exception {
    byte[] binary = PGPainless.extractCertificate(key).getEncoded();
    Random random = new Random(19);
    int judged = 0;
    int unusable = 0;
    for (int i = 0; i < 600; i++) {
      byte[] damaged = damage(i % 2 == 0 ? binary : publicKey, random);
      List<Certificate> certificates;
      try {
        certificates = KeyFiles.parse(damaged, FILE);
      } catch (InvalidDataException refused) {
        assertThat(refused.getMessage()).doesNotContain("Exception");
        continue;
      }
      Instant now = Instant.now();
      for (Certificate certificate : certificates) {
        judged++;
        assertThat(certificate.fingerprint()).isNotEmpty();
        KeyState state = certificate.state(now, SKEW);
        if (state.problem(KeyUse.SIGN, now).isPresent()) {
          unusable++;
        }
        state.problem(KeyUse.ENCRYPT, now);
        for (String address : certificate.addresses()) {
          new Keyring(List.of(certificate), FILE, SKEW).lookup(address, now).problem();
        }
      }
    }
    assertThat(judged).as("damaged keys the parser still took, then judged").isPositive();
    assertThat(unusable).as("of them, judged unusable rather than thrown on").isPositive();
  }

  @Test
  void damagedSecretKeysAreRefusedAsBadInputOnly() throws Exception {
    Certificate published = KeyFiles.parse(publicKey, FILE).get(0);
    String armoured = PgpKeys.secretKey(key);
    // control: the undamaged key loads and signs
    assertThat(
            SigningKey.load(published, PgpKeys.environment(key), Instant.now(), SKEW)
                .detachedSignature(new byte[] {1}))
        .isNotEmpty();
    byte[] binary = key.getEncoded();
    Random random = new Random(20);
    int refused = 0;
    for (int i = 0; i < 120; i++) {
      byte[] damaged =
          damage(i % 2 == 0 ? binary : armoured.getBytes(StandardCharsets.US_ASCII), random);
      Map<String, String> environment =
          Map.of(
              SigningKey.KEY_VARIABLE,
              new String(damaged, StandardCharsets.ISO_8859_1),
              SigningKey.PASSPHRASE_VARIABLE,
              PgpKeys.PASSPHRASE);
      try {
        SigningKey.load(published, environment, Instant.now(), SKEW);
      } catch (InvalidDataException e) {
        refused++;
        assertThat(e.getMessage()).doesNotContain("Exception");
      }
    }
    assertThat(refused).isPositive();
  }

  /** Things that are not key files, by what they are. */
  private static Map<String, byte[]> notKeys() throws Exception {
    Map<String, byte[]> cases = new LinkedHashMap<>();
    byte[] random = new byte[64 * 1024];
    new Random(7).nextBytes(random);
    cases.put("random bytes", random);
    cases.put("zeros", new byte[4096]);
    cases.put("text", "{\"not\": \"a key\"}\n".getBytes(StandardCharsets.US_ASCII));
    String armour = new String(publicKey, StandardCharsets.US_ASCII);
    int body = armour.indexOf("\n\n") + 2;
    char[] flipped = armour.toCharArray();
    flipped[body + 10] = flipped[body + 10] == 'A' ? 'B' : 'A';
    cases.put(
        "armour with a changed character", new String(flipped).getBytes(StandardCharsets.US_ASCII));
    cases.put(
        "armour cut in half",
        armour.substring(0, armour.length() / 2).getBytes(StandardCharsets.US_ASCII));
    cases.put(
        "an empty armour block",
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n-----END PGP PUBLIC KEY BLOCK-----\n"
            .getBytes(StandardCharsets.US_ASCII));
    cases.put(
        "a detached signature",
        SigningKey.load(
                KeyFiles.parse(publicKey, FILE).get(0),
                PgpKeys.environment(key),
                Instant.now(),
                SKEW)
            .detachedSignature("data".getBytes(StandardCharsets.US_ASCII)));
    cases.put("an encrypted message", encrypted());
    return cases;
  }

  private static byte[] encrypted() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EncryptionStream stream =
        PGPainless.encryptAndOrSign()
            .onOutputStream(out)
            .withOptions(
                ProducerOptions.encrypt(
                        EncryptionOptions.encryptCommunications()
                            .addRecipient(PGPainless.extractCertificate(key)))
                    .setAsciiArmor(true));
    try (OutputStream in = stream) {
      in.write("the bulletin".getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  /** {@code bytes} with one to four bytes changed, and now and then cut short. */
  private static byte[] damage(byte[] bytes, Random random) {
    byte[] damaged = bytes.clone();
    for (int changes = 1 + random.nextInt(4); changes > 0; changes--) {
      damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
    }
    return random.nextInt(5) == 0
        ? Arrays.copyOf(damaged, random.nextInt(damaged.length))
        : damaged;
  }
}
