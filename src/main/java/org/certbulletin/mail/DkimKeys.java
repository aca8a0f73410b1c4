package org.certbulletin.mail;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.files.EnvironmentSecret;
import org.certbulletin.model.DkimSettings;
import org.certbulletin.model.InvalidDataException;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimException;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/**
 * The DKIM signer, with its RSA private key (PKCS#8) from {@code CERT_BULLETIN_DKIM_PRIVATE_KEY}
 * (PEM or base64) or the file named by {@code CERT_BULLETIN_DKIM_PRIVATE_KEY_FILE}: never from the
 * data folder, never logged.
 */
public final class DkimKeys {

  /** RFC 8301: verifiers must not accept RSA keys shorter than this. */
  static final int MIN_KEY_BITS = 1024;

  public static final String KEY_VARIABLE = "CERT_BULLETIN_DKIM_PRIVATE_KEY";
  public static final String KEY_FILE_VARIABLE = "CERT_BULLETIN_DKIM_PRIVATE_KEY_FILE";

  /**
   * The headers a signature covers, List-Unsubscribe and List-Unsubscribe-Post among them (RFC
   * 8058).
   */
  static final String[] SIGNED_HEADERS = {
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "List-Id",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "MIME-Version",
    "Content-Type"
  };

  private DkimKeys() {}

  /** The signer for {@code settings}, or empty when DKIM is not configured. */
  public static Optional<DkimSigner> signer(
      Optional<DkimSettings> settings, Map<String, String> environment) {
    if (settings.isEmpty()) {
      return Optional.empty();
    }
    RSAPrivateKey key = privateKey(environment);
    try {
      DkimSigner signer = new DkimSigner(settings.get().domain(), settings.get().selector(), key);
      signer.setHeaderCanonicalization(Canonicalization.RELAXED);
      signer.setBodyCanonicalization(Canonicalization.RELAXED);
      signer.setCheckDomainKey(false);
      signer.setLengthParam(false);
      for (String header : SIGNED_HEADERS) {
        signer.addHeaderToSign(header);
      }
      return Optional.of(signer);
    } catch (DkimException e) {
      throw InvalidDataException.of(
          KEY_VARIABLE, "cannot set up DKIM signing with this key: " + e.getMessage());
    }
  }

  static RSAPrivateKey privateKey(Map<String, String> environment) {
    String text =
        EnvironmentSecret.read(environment, KEY_VARIABLE, KEY_FILE_VARIABLE, "DKIM key")
            .orElseThrow(
                () ->
                    InvalidDataException.of(
                        KEY_VARIABLE,
                        "dkim is configured but no private key is set: put a PKCS#8 RSA key"
                            + " in "
                            + KEY_VARIABLE
                            + " or name its file in "
                            + KEY_FILE_VARIABLE));
    String base64 = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    RSAPrivateKey key;
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      key =
          (RSAPrivateKey)
              KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
      throw InvalidDataException.of(
          KEY_VARIABLE,
          "the DKIM private key is not a PKCS#8 RSA key (PEM 'BEGIN PRIVATE"
              + " KEY' or base64 DER)");
    }
    if (key.getModulus().bitLength() < MIN_KEY_BITS) {
      throw InvalidDataException.of(
          KEY_VARIABLE,
          "the DKIM key has "
              + key.getModulus().bitLength()
              + " bits; receivers ignore signatures from RSA keys under "
              + MIN_KEY_BITS
              + " bits (RFC 8301): make a 2048-bit key");
    }
    return key;
  }
}
