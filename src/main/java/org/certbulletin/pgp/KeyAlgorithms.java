package org.certbulletin.pgp;

import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.pgpainless.PGPainless;
import org.pgpainless.algorithm.PublicKeyAlgorithm;
import org.pgpainless.bouncycastle.extensions.PGPPublicKeyExtensionsKt;

/**
 * Which public-key algorithms and sizes are accepted: RSA of at least {@link #MIN_RSA_BITS} bits
 * and elliptic curves PGPainless's policy accepts (Ed25519, Curve25519, the NIST and Brainpool
 * curves); DSA and ElGamal are refused whatever their size, as RFC 9580 deprecates them.
 */
final class KeyAlgorithms {

  static final int MIN_RSA_BITS = 2048;

  private KeyAlgorithms() {}

  /**
   * Why {@code key} is refused, with its verb ("is RSA 1024-bit, too weak: ..."): empty when it is
   * accepted.
   */
  static Optional<String> weakness(PGPPublicKey key) {
    PublicKeyAlgorithm algorithm = PublicKeyAlgorithm.fromId(key.getAlgorithm());
    if (algorithm == null) {
      return Optional.of(
          "uses public-key algorithm " + key.getAlgorithm() + ", which is not supported");
    }
    int bits = key.getBitStrength();
    switch (algorithm) {
      case DSA, ELGAMAL_ENCRYPT, ELGAMAL_GENERAL -> {
        return Optional.of(
            "is " + describe(key) + ", and DSA and ElGamal keys are no longer accepted");
      }
      case RSA_GENERAL, RSA_ENCRYPT, RSA_SIGN -> {
        if (bits < MIN_RSA_BITS) {
          return Optional.of(
              "is "
                  + describe(key)
                  + ", too weak: RSA keys need at least "
                  + MIN_RSA_BITS
                  + " bits");
        }
      }
      default -> {
        // elliptic curves: the library's policy below decides
      }
    }
    if (bits <= 0
        || !PGPainless.getPolicy().getPublicKeyAlgorithmPolicy().isAcceptable(algorithm, bits)) {
      return Optional.of("is " + describe(key) + ", which the OpenPGP library's policy refuses");
    }
    return Optional.empty();
  }

  /** {@code RSA 1024-bit}, {@code EdDSA ed25519}, {@code ECDH curve25519}: what the key is. */
  static String describe(PGPPublicKey key) {
    PublicKeyAlgorithm algorithm = PublicKeyAlgorithm.fromId(key.getAlgorithm());
    if (algorithm == null) {
      return "of public-key algorithm " + key.getAlgorithm();
    }
    String name =
        switch (algorithm) {
          case RSA_GENERAL, RSA_ENCRYPT, RSA_SIGN -> "RSA";
          case DSA -> "DSA";
          case ELGAMAL_ENCRYPT, ELGAMAL_GENERAL -> "ElGamal";
          case EDDSA_LEGACY -> "EdDSA";
          default -> algorithm.name().toUpperCase(Locale.ROOT).replace('_', '-');
        };
    try {
      return name + " " + PGPPublicKeyExtensionsKt.getCurveName(key);
    } catch (RuntimeException notElliptic) {
      int bits = key.getBitStrength();
      return bits > 0 ? name + " " + bits + "-bit" : name;
    }
  }
}
