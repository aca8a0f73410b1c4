package org.certbulletin.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.openpgp.PGPException;
import org.certbulletin.pgp.SigningKey;
import org.pgpainless.PGPainless;
import org.pgpainless.algorithm.DocumentSignatureType;
import org.pgpainless.encryption_signing.EncryptionStream;
import org.pgpainless.encryption_signing.ProducerOptions;

/**
 * Inline OpenPGP for plain-text lists read in clients without PGP/MIME: the text body clear-signed
 * ({@code -----BEGIN PGP SIGNED MESSAGE-----}, which {@code gpg --verify} checks as it is saved),
 * and the PDF with a detached signature beside it ({@code NAME.pdf.asc}).
 */
final class InlineSigning {

  private InlineSigning() {}

  /** {@code text} clear-signed (RFC 4880 7), with CRLF line ends. */
  static String clearSigned(String text, SigningKey key) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 2 + 1024);
    try {
      EncryptionStream stream =
          PGPainless.encryptAndOrSign()
              .onOutputStream(out)
              .withOptions(
                  ProducerOptions.sign(key.signing(DocumentSignatureType.CANONICAL_TEXT_DOCUMENT))
                      .setCleartextSigned());
      stream.write(text.getBytes(StandardCharsets.UTF_8));
      stream.close();
    } catch (IOException | PGPException e) {
      throw new IllegalStateException("OpenPGP clear-signing failed: " + e.getMessage(), e);
    }
    return PgpMime.crlf(out.toString(StandardCharsets.UTF_8)) + "\r\n";
  }

  /** The armoured detached signature of a file attached beside it, with CRLF line ends. */
  static byte[] detached(byte[] file, SigningKey key) {
    return (PgpMime.crlf(new String(key.detachedSignature(file), StandardCharsets.US_ASCII))
            + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
