package org.certbulletin.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;

/**
 * A DKIM key for a test and the receiving side's check of its signatures: Apache James jDKIM, a
 * verifier independent of the library that signs, given the public key as the DNS TXT record {@code
 * selector._domainkey.domain} would publish it.
 */
public final class DkimCheck {

  private final KeyPair keys;

  private DkimCheck(KeyPair keys) {
    this.keys = keys;
  }

  /** A fresh 2048-bit RSA key. */
  public static DkimCheck withNewKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new DkimCheck(generator.generateKeyPair());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The environment that gives the sender the private key (PKCS#8 PEM). */
  public Map<String, String> environment() {
    return Map.of(
        "CERT_BULLETIN_DKIM_PRIVATE_KEY",
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
  }

  /**
   * Verifies the DKIM signature of the message {@code raw} (as received) cryptographically.
   *
   * @return the signing domain ({@code d=})
   * @throws AssertionError when no signature verifies
   */
  public String verify(byte[] raw) {
    String record =
        "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> List.of(record));
    try {
      List<SignatureRecord> good = verifier.verify(new ByteArrayInputStream(raw));
      if (good == null || good.isEmpty()) {
        throw new AssertionError("no DKIM signature verified: " + verifier.getResults());
      }
      return good.get(0).getDToken().toString();
    } catch (FailException e) {
      throw new AssertionError("DKIM verification failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
