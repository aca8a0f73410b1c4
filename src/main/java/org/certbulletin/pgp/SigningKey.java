package org.certbulletin.pgp;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
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
import org.pgpainless.signature.subpackets.BaseSignatureSubpackets;
import org.pgpainless.util.Passphrase;

/**
 * The CERT's OpenPGP signing key: the secret key from {@code CERT_BULLETIN_OPENPGP_KEY} (armoured)
 * or the file named by {@code CERT_BULLETIN_OPENPGP_KEY_FILE}, unlocked with {@code
 * CERT_BULLETIN_OPENPGP_PASSPHRASE}; never from the data folder, never logged. It must be the key
 * of the certificate the data folder publishes, so readers can check what it signs.
 *
 * <p>The key is unlocked once, when loaded, and kept unlocked in memory only: deriving the key from
 * the passphrase for every signature would cost more than the signature. Loading checks all that
 * signing will need (the algorithm, the self-signatures, a signing key with its secret, the
 * passphrase) and makes one signature, so that every problem with the key is an {@link
 * InvalidDataException} then, never a failure later.
 */
public final class SigningKey {

  public static final String KEY_VARIABLE = "CERT_BULLETIN_OPENPGP_KEY";
  public static final String KEY_FILE_VARIABLE = "CERT_BULLETIN_OPENPGP_KEY_FILE";
  public static final String PASSPHRASE_VARIABLE = "CERT_BULLETIN_OPENPGP_PASSPHRASE";

  private final PGPSecretKeyRing unlocked;
  private final Certificate certificate;
  private final long signingKeyId;
  private final Instant notBefore;

  private SigningKey(
      PGPSecretKeyRing unlocked, Certificate certificate, long signingKeyId, Instant notBefore) {
    this.unlocked = unlocked;
    this.certificate = certificate;
    this.signingKeyId = signingKeyId;
    this.notBefore = notBefore;
  }

  /**
   * The secret key of {@code published} from {@code environment}, checked to be usable for signing
   * at {@code now}, its self-signatures dated up to {@code clockSkew} ahead of {@code now} counted
   * as made now.
   *
   * @throws InvalidDataException when no key is set, it cannot be read or unlocked, it is not the
   *     published certificate's key, or it cannot sign (expired, revoked, weak, from a clock far
   *     ahead, without a signing key or its secret)
   */
  public static SigningKey load(
      Certificate published, Map<String, String> environment, Instant now, Duration clockSkew) {
    PGPSecretKeyRing secret = read(environment);
    String fingerprint = Certificate.fingerprint(secret);
    if (!fingerprint.equals(published.fingerprint())) {
      throw InvalidDataException.of(
          KEY_VARIABLE,
          "the secret key is "
              + fingerprint
              + " but the data folder publishes "
              + published.fingerprint()
              + "; set the secret key of the published certificate, or publish this key's"
              + " certificate");
    }
    Optional<String> problem = published.state(now, clockSkew).problem(KeyUse.SIGN, now);
    if (problem.isPresent()) {
      throw InvalidDataException.of(KEY_VARIABLE, "cannot sign with it: " + problem.get());
    }
    // the library signs with the secret key's own copy of the certificate: judge that one too
    KeyEvaluation own = ownCertificate(secret).evaluate(now, clockSkew);
    problem = own.state.problem(KeyUse.SIGN, now);
    if (problem.isPresent()) {
      throw InvalidDataException.of(
          KEY_VARIABLE,
          "cannot sign with it: "
              + problem.get()
              + " (in this copy of the secret key; the published key is fine: export the secret"
              + " key again, gpg --export-secret-keys --armor "
              + fingerprint
              + ")");
    }
    PGPSecretKey signing = signingKey(secret, own);
    SigningKey key =
        new SigningKey(
            unlock(secret, signing, environment), published, signing.getKeyID(), own.latest);
    key.probe();
    return key;
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
    } catch (Exception e) {
      throw new IllegalStateException("OpenPGP signing failed: " + KeyFiles.reason(e), e);
    }
  }

  /**
   * Options that add this key's detached signature, for messages built with PGPainless. A signature
   * is dated now, or when the key's latest self-signature is dated if that is later (a key from a
   * clock a little ahead, within the skew): a signature older than its key would never verify.
   *
   * @throws PGPException if the key can no longer sign (it expired since it was loaded)
   */
  public SigningOptions signing(DocumentSignatureType type) throws PGPException {
    Instant now = Instant.now();
    Date at = Date.from(now.isBefore(notBefore) ? notBefore : now);
    try {
      return SigningOptions.get()
          .setEvaluationDate(at)
          .addDetachedSignature(
              SecretKeyRingProtector.unprotectedKeys(),
              unlocked,
              signingKeyId,
              type,
              new BaseSignatureSubpackets.Callback() {
                @Override
                public void modifyHashedSubpackets(BaseSignatureSubpackets hashed) {
                  hashed.setSignatureCreationTime(at);
                }
              });
    } catch (PGPException e) {
      throw e;
    } catch (Exception e) {
      // KeyException and the like: the library's judgement of the key changed since it loaded
      throw new PGPException("the OpenPGP key cannot sign: " + KeyFiles.reason(e), e);
    }
  }

  private void probe() {
    try {
      signature(new byte[] {'c', 'e', 'r', 't'}, DocumentSignatureType.BINARY_DOCUMENT);
    } catch (IllegalStateException e) {
      throw InvalidDataException.of(
          KEY_VARIABLE,
          "cannot sign with it: a trial signature failed ("
              + KeyFiles.reason(e.getCause() != null ? e.getCause() : e)
              + "); export the secret key again (gpg --export-secret-keys --armor "
              + certificate.fingerprint()
              + ") or make a new key");
    }
  }

  private static Certificate ownCertificate(PGPSecretKeyRing secret) {
    try {
      return new Certificate(PGPainless.extractCertificate(secret));
    } catch (Exception e) {
      throw InvalidDataException.of(
          KEY_VARIABLE,
          "is a damaged OpenPGP secret key ("
              + KeyFiles.reason(e)
              + "); export it again with gpg --export-secret-keys --armor "
              + Certificate.fingerprint(secret));
    }
  }

  /** The first key the evaluation found able to sign whose secret is in {@code secret}. */
  private static PGPSecretKey signingKey(PGPSecretKeyRing secret, KeyEvaluation own) {
    List<String> missing = new ArrayList<>();
    for (PGPPublicKey candidate : own.signingKeys) {
      PGPSecretKey key = secret.getSecretKey(candidate.getKeyID());
      if (key != null && !key.isPrivateKeyEmpty()) {
        return key;
      }
      missing.add(KeyEvaluation.keyId(candidate));
    }
    throw InvalidDataException.of(
        KEY_VARIABLE,
        "holds no secret for the signing key "
            + String.join(", ", missing)
            + " of "
            + own.state.fingerprint()
            + " (exported with --export-secret-subkeys, or kept on a smartcard); export it with"
            + " gpg --export-secret-keys --armor "
            + own.state.fingerprint());
  }

  private static PGPSecretKeyRing read(Map<String, String> environment) {
    byte[] bytes =
        EnvironmentSecret.readBytes(environment, KEY_VARIABLE, KEY_FILE_VARIABLE, "OpenPGP key")
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
    String source =
        environment.getOrDefault(KEY_VARIABLE, "").isBlank()
            ? KEY_FILE_VARIABLE + " (" + environment.get(KEY_FILE_VARIABLE) + ")"
            : KEY_VARIABLE;
    PGPSecretKeyRing ring;
    try {
      ring = PGPainless.readKeyRing().secretKeyRing(bytes);
    } catch (Exception e) {
      throw InvalidDataException.of(
          source,
          "is not an OpenPGP secret key ("
              + KeyFiles.reason(e)
              + "); export it with gpg --export-secret-keys --armor FINGERPRINT");
    }
    if (ring == null) {
      throw InvalidDataException.of(
          source,
          "holds no OpenPGP secret key (a public key, or something else?); export it with gpg"
              + " --export-secret-keys --armor FINGERPRINT");
    }
    return ring;
  }

  private static PGPSecretKeyRing unlock(
      PGPSecretKeyRing secret, PGPSecretKey signing, Map<String, String> environment) {
    String passphrase = environment.getOrDefault(PASSPHRASE_VARIABLE, "");
    Passphrase given =
        passphrase.isEmpty() ? Passphrase.emptyPassphrase() : Passphrase.fromPassword(passphrase);
    try {
      UnlockSecretKey.unlockSecretKey(signing, given);
      if (given.isEmpty()
          || signing.getKeyEncryptionAlgorithm() == SymmetricKeyAlgorithmTags.NULL) {
        return secret;
      }
      return PGPainless.modifyKeyRing(secret)
          .changeSubKeyPassphraseFromOldPassphrase(signing.getKeyID(), given)
          .withSecureDefaultSettings()
          .toNoPassphrase()
          .done();
    } catch (Exception e) {
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
