package org.certbulletin.pgp;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.certbulletin.model.InvalidDataException;
import org.pgpainless.PGPainless;
import org.pgpainless.key.collection.PGPKeyRingCollection;

/**
 * Reads certificates (public keys) from a key file, as {@code gpg --export --armor} writes them:
 * one or many, armoured or binary. A file holding a secret key is refused: secrets belong in the
 * environment, not in the data folder. Whether each certificate can be used is a separate question
 * ({@link Certificate#state}): a weak key in a keyring is reported for its owner, not for the file.
 */
public final class KeyFiles {

  /** 1 MiB for the CERT's own public key ({@code openpgp.public_key}): one key is a few KiB. */
  public static final long MAX_KEY_BYTES = 1024L * 1024;

  /**
   * 16 MiB for a list's keyring, like every file in the data folder: thousands of recipients' keys.
   */
  public static final long MAX_KEYRING_BYTES = 16L * 1024 * 1024;

  private KeyFiles() {}

  /** The certificates in {@code bytes}, read from the file {@code name}. */
  public static List<Certificate> parse(byte[] bytes, String name) {
    PGPKeyRingCollection rings;
    try {
      rings = PGPainless.readKeyRing().keyRingCollection(new ByteArrayInputStream(bytes), false);
    } catch (Exception e) {
      // the parser throws what it meets: IOException, PGPException (undeclared),
      // PGPRuntimeOperationException, IllegalArgumentException, ClassCastException...
      throw InvalidDataException.of(
          name,
          "is not an OpenPGP key file ("
              + reason(e)
              + "); export the public keys with gpg --export --armor");
    }
    for (PGPSecretKeyRing secret : rings.getPgpSecretKeyRingCollection()) {
      throw InvalidDataException.of(
          name,
          "holds the secret key of "
              + Certificate.fingerprint(secret)
              + "; keep secret keys out of the data folder and put only public keys here"
              + " (gpg --export --armor)");
    }
    List<Certificate> certificates = new ArrayList<>();
    for (PGPPublicKeyRing ring : rings.getPgpPublicKeyRingCollection()) {
      certificates.add(new Certificate(ring));
    }
    if (certificates.isEmpty()) {
      throw InvalidDataException.of(
          name, "holds no OpenPGP public key; export one with gpg --export --armor");
    }
    return List.copyOf(certificates);
  }

  /**
   * What the OpenPGP library said about {@code failure}, for a message in parentheses: its own
   * words when they are words, never a class name or a stack trace.
   */
  static String reason(Throwable failure) {
    String message = failure.getMessage();
    Throwable cause = failure.getCause();
    if ((message == null || message.isBlank()) && cause != null && cause != failure) {
      return reason(cause);
    }
    if (message == null
        || message.isBlank()
        || message.contains("Exception")
        || message.contains("class ")
        || message.length() > 200) {
      return "damaged, or not OpenPGP data";
    }
    // the library quotes what it read: keep the message to printable text
    return message.strip().replaceAll("[^\\x20-\\x7e]", "?");
  }
}
