package org.certbulletin.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.pgpainless.PGPainless;
import org.pgpainless.algorithm.KeyFlag;
import org.pgpainless.key.generation.KeySpec;
import org.pgpainless.key.generation.type.KeyType;
import org.pgpainless.key.generation.type.eddsa_legacy.EdDSALegacyCurve;
import org.pgpainless.key.generation.type.xdh_legacy.XDHLegacySpec;
import org.pgpainless.key.protection.SecretKeyRingProtector;
import org.pgpainless.util.Passphrase;

/**
 * OpenPGP keys made for a test, as an operator would make them with {@code gpg --quick-gen-key}: an
 * Ed25519 primary key that signs, an X25519 subkey that encrypts, protected by a passphrase.
 */
public final class PgpKeys {

  public static final String PASSPHRASE = "correct horse battery staple";

  private PgpKeys() {}

  /** A fresh key for {@code userId}, valid from an hour ago, never expiring. */
  public static PGPSecretKeyRing key(String userId) {
    return key(userId, Instant.now().minusSeconds(3600), null);
  }

  /** A key created at {@code created} that expires at {@code expires} (never when null). */
  public static PGPSecretKeyRing key(String userId, Instant created, Instant expires) {
    try {
      Date creation = Date.from(created);
      var builder =
          PGPainless.buildKeyRing()
              .setPrimaryKey(
                  KeySpec.getBuilder(
                          KeyType.EDDSA_LEGACY(EdDSALegacyCurve._Ed25519),
                          KeyFlag.CERTIFY_OTHER,
                          KeyFlag.SIGN_DATA)
                      .setKeyCreationDate(creation))
              .addSubkey(
                  KeySpec.getBuilder(
                          KeyType.XDH_LEGACY(XDHLegacySpec._X25519),
                          KeyFlag.ENCRYPT_COMMS,
                          KeyFlag.ENCRYPT_STORAGE)
                      .setKeyCreationDate(creation))
              .addUserId(userId)
              .setPassphrase(Passphrase.fromPassword(PASSPHRASE));
      if (expires != null) {
        builder.setExpirationDate(Date.from(expires));
      }
      return builder.build();
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a test key", e);
    }
  }

  /** {@code key}, revoked now. */
  public static PGPSecretKeyRing revoked(PGPSecretKeyRing key) {
    try {
      return PGPainless.modifyKeyRing(key)
          .revoke(SecretKeyRingProtector.unlockAnyKeyWith(Passphrase.fromPassword(PASSPHRASE)))
          .done();
    } catch (PGPException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key (certificate) of {@code key}, armoured, as {@code gpg --export --armor}. */
  public static byte[] publicKey(PGPSecretKeyRing key) {
    return PGPainless.asciiArmor(PGPainless.extractCertificate(key))
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The secret key, armoured, as {@code gpg --export-secret-keys --armor}. */
  public static String secretKey(PGPSecretKeyRing key) {
    return PGPainless.asciiArmor(key);
  }

  /** An environment that holds {@code key} and its passphrase, as an operator sets it. */
  public static Map<String, String> environment(PGPSecretKeyRing key) {
    Map<String, String> environment = new HashMap<>();
    environment.put("CERT_BULLETIN_OPENPGP_KEY", secretKey(key));
    environment.put("CERT_BULLETIN_OPENPGP_PASSPHRASE", PASSPHRASE);
    return environment;
  }

  /** The fingerprint of {@code key}, upper-case hex. */
  public static String fingerprint(PGPSecretKeyRing key) {
    return PGPainless.inspectKeyRing(key).getFingerprint().toString();
  }
}
