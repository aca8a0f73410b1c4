package org.certbulletin.pgp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.certbulletin.files.EnvironmentSecret;
import org.certbulletin.model.InvalidDataException;
import org.pgpainless.PGPainless;
import org.pgpainless.algorithm.DocumentSignatureType;
import org.pgpainless.encryption_signing.EncryptionStream;
import org.pgpainless.encryption_signing.ProducerOptions;
import org.pgpainless.encryption_signing.SigningOptions;
import org.pgpainless.key.protection.SecretKeyRingProtector;
import org.pgpainless.key.protection.UnlockSecretKey;
import org.pgpainless.util.Passphrase;

/**
 * The CERT's OpenPGP signing key: the secret key from {@code CERT_BULLETIN_OPENPGP_KEY} (armoured)
 * or the file named by {@code CERT_BULLETIN_OPENPGP_KEY_FILE}, unlocked with {@code
 * CERT_BULLETIN_OPENPGP_PASSPHRASE}; never from the data folder, never logged. It must be the key
 * of the certificate the data folder publishes, so readers can check what it signs.
 *
 * <p>The key is unlocked once, when loaded, and kept unlocked in memory only: deriving the key from
 * the passphrase for every signature would cost more than the signature.
 */
public final class SigningKey {

  public static final String KEY_VARIABLE = "CERT_BULLETIN_OPENPGP_KEY";
  public static final String KEY_FILE_VARIABLE = "CERT_BULLETIN_OPENPGP_KEY_FILE";
  public static final String PASSPHRASE_VARIABLE = "CERT_BULLETIN_OPENPGP_PASSPHRASE";

  private final PGPSecretKeyRing unlocked;
  private final Certificate certificate;

  private SigningKey(PGPSecretKeyRing unlocked, Certificate certificate) {
    this.unlocked = unlocked;
    this.certificate = certificate;
  }

  /**
   * The secret key of {@code published} from {@code environment}, checked to be usable for signing
   * at {@code now}.
   *
   * @throws InvalidDataException when no key is set, it cannot be read or unlocked, it is not the
   *     published certificate's key, or it is expired or revoked
   */
  public static SigningKey load(
      Certificate published, Map<String, String> environment, Instant now) {
    PGPSecretKeyRing secret = read(environment);
    Certificate certificate = new Certificate(PGPainless.extractCertificate(secret));
    if (!certificate.fingerprint().equals(published.fingerprint())) {
      throw InvalidDataException.of(
          KEY_VARIABLE,
          "the secret key is "
              + certificate.fingerprint()
              + " but the data folder publishes "
              + published.fingerprint()
              + "; set the secret key of the published certificate, or publish this key's"
              + " certificate");
    }
    Optional<String> problem = published.state(now).problem(KeyUse.SIGN, now);
    if (problem.isPresent()) {
      throw InvalidDataException.of(KEY_VARIABLE, "cannot sign with it: " + problem.get());
    }
    return new SigningKey(unlock(secret, environment), published);
  }

  /** The certificate readers check this key's signatures with. */
  public Certificate certificate() {
    return certificate;
  }

  /**
   * An ASCII-armoured detached signature of {@code data} as a binary document, which {@code gpg
   * --verify data.asc data} checks.
   */
  public byte[] detachedSignature(byte[] data) {
    return PGPainless.asciiArmor(signature(data, DocumentSignatureType.BINARY_DOCUMENT))
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The signature of {@code data} as {@code type}: a canonical text document for a MIME part (RFC
   * 3156), a binary one for a file.
   */
  public PGPSignature signature(byte[] data, DocumentSignatureType type) {
    try {
      EncryptionStream stream =
          PGPainless.encryptAndOrSign()
              .onOutputStream(OutputStream.nullOutputStream())
              .withOptions(ProducerOptions.sign(signing(type)).setAsciiArmor(false));
      stream.write(data);
      stream.close();
      return stream.getResult().getDetachedSignatures().flatten().iterator().next();
    } catch (IOException | PGPException e) {
      throw new IllegalStateException("OpenPGP signing failed: " + e.getMessage(), e);
    }
  }

  /** Options that add this key's detached signature, for messages built with PGPainless. */
  public SigningOptions signing(DocumentSignatureType type) throws PGPException {
    return SigningOptions.get()
        .addDetachedSignature(SecretKeyRingProtector.unprotectedKeys(), unlocked, type);
  }

  private static PGPSecretKeyRing read(Map<String, String> environment) {
    String text =
        EnvironmentSecret.read(environment, KEY_VARIABLE, KEY_FILE_VARIABLE, "OpenPGP key")
            .orElseThrow(
                () ->
                    InvalidDataException.of(
                        KEY_VARIABLE,
                        "openpgp is configured but no secret key is set: put the armoured"
                            + " secret key (gpg --export-secret-keys --armor) in "
                            + KEY_VARIABLE
                            + " or name its file in "
                            + KEY_FILE_VARIABLE
                            + ", and its passphrase in "
                            + PASSPHRASE_VARIABLE));
    try {
      PGPSecretKeyRing ring = PGPainless.readKeyRing().secretKeyRing(text);
      if (ring == null) {
        throw new IOException("no secret key found");
      }
      return ring;
    } catch (IOException | RuntimeException e) {
      throw InvalidDataException.of(
          KEY_VARIABLE,
          "is not an armoured OpenPGP secret key ("
              + e.getMessage()
              + "); export it with gpg --export-secret-keys --armor");
    }
  }

  private static PGPSecretKeyRing unlock(PGPSecretKeyRing secret, Map<String, String> environment) {
    String passphrase = environment.getOrDefault(PASSPHRASE_VARIABLE, "");
    Passphrase given =
        passphrase.isEmpty() ? Passphrase.emptyPassphrase() : Passphrase.fromPassword(passphrase);
    try {
      for (PGPSecretKey key : secret) {
        if (!key.isPrivateKeyEmpty()) {
          UnlockSecretKey.unlockSecretKey(key, given);
        }
      }
      if (given.isEmpty()) {
        return secret;
      }
      return PGPainless.modifyKeyRing(secret)
          .changePassphraseFromOldPassphrase(given)
          .withSecureDefaultSettings()
          .toNoPassphrase()
          .done();
    } catch (PGPException | RuntimeException e) {
      throw InvalidDataException.of(
          PASSPHRASE_VARIABLE,
          passphrase.isEmpty()
              ? "the OpenPGP secret key is protected by a passphrase: set it in "
                  + PASSPHRASE_VARIABLE
              : "does not unlock the OpenPGP secret key: check the passphrase");
    }
  }

  @Override
  public String toString() {
    return "SigningKey[" + certificate.fingerprint() + "]";
  }
}
