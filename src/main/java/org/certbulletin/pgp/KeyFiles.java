package org.certbulletin.pgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * environment, not in the data folder.
 */
public final class KeyFiles {

  /** Far more than any keyring of a distribution list needs. */
  public static final long MAX_BYTES = 16L * 1024 * 1024;

  private KeyFiles() {}

  /** The certificates in {@code bytes}, read from the file {@code name}. */
  public static List<Certificate> parse(byte[] bytes, String name) {
    PGPKeyRingCollection rings;
    try {
      rings = PGPainless.readKeyRing().keyRingCollection(new ByteArrayInputStream(bytes), false);
    } catch (IOException | RuntimeException e) {
      throw InvalidDataException.of(
          name,
          "is not an OpenPGP key file ("
              + e.getMessage()
              + "); export the public keys with gpg --export --armor");
    }
    for (PGPSecretKeyRing secret : rings.getPgpSecretKeyRingCollection()) {
      throw InvalidDataException.of(
          name,
          "holds the secret key of "
              + new Certificate(PGPainless.extractCertificate(secret)).fingerprint()
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
}
