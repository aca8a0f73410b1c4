package org.certbulletin.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.certbulletin.files.Digests;
import org.certbulletin.pgp.SigningKey;
import org.pgpainless.PGPainless;
import org.pgpainless.algorithm.DocumentSignatureType;
import org.pgpainless.algorithm.HashAlgorithm;
import org.pgpainless.encryption_signing.EncryptionOptions;
import org.pgpainless.encryption_signing.EncryptionStream;
import org.pgpainless.encryption_signing.ProducerOptions;

/**
 * RFC 3156 PGP/MIME: a body signed as {@code multipart/signed}, or a signed body encrypted as
 * {@code multipart/encrypted}. The body is already canonical (CRLF line ends, every part base64 or
 * quoted-printable, so no server rewrites it), and the bytes signed are the bytes sent.
 */
final class PgpMime {

  private PgpMime() {}

  /**
   * {@code content} as a MIME entity (its Content-Type header and its bytes) signed with {@code
   * key}: a canonical text signature (RFC 3156 5), the {@code micalg} its hash.
   */
  static PreparedContent signed(PreparedContent content, SigningKey key) {
    byte[] entity = content.entity();
    PGPSignature signature = key.signature(entity, DocumentSignatureType.CANONICAL_TEXT_DOCUMENT);
    String micalg =
        "pgp-"
            + HashAlgorithm.requireFromId(signature.getHashAlgorithm())
                .getAlgorithmName()
                .toLowerCase(Locale.ROOT);
    String boundary = boundary("signed", entity);
    ByteArrayOutputStream body = new ByteArrayOutputStream(entity.length + 2048);
    write(body, "This is an OpenPGP/MIME signed message (RFC 4880 and 3156)\r\n");
    write(body, "--" + boundary + "\r\n");
    body.writeBytes(entity);
    write(body, "\r\n--" + boundary + "\r\n");
    writeHead(
        body,
        "Content-Type: application/pgp-signature; name=\"signature.asc\"",
        "Content-Description: OpenPGP digital signature",
        "Content-Disposition: attachment; filename=\"signature.asc\"");
    write(body, crlf(PGPainless.asciiArmor(signature)));
    write(body, "\r\n--" + boundary + "--\r\n");
    return PreparedContent.of(
        "multipart/signed; micalg="
            + micalg
            + ";\r\n\tprotocol=\"application/pgp-signature\";\r\n\tboundary=\""
            + boundary
            + "\"",
        body.toByteArray());
  }

  /**
   * {@code content} as a MIME entity encrypted with {@code encryption} (RFC 3156 4): the
   * recipient's keys, as {@link org.certbulletin.pgp.Keyring.Lookup#encryption()} chose them.
   */
  static PreparedContent encrypted(PreparedContent content, EncryptionOptions encryption) {
    byte[] entity = content.entity();
    ByteArrayOutputStream armoured = new ByteArrayOutputStream(entity.length * 4 / 3 + 4096);
    try {
      EncryptionStream stream =
          PGPainless.encryptAndOrSign()
              .onOutputStream(armoured)
              .withOptions(ProducerOptions.encrypt(encryption).setAsciiArmor(true));
      stream.write(entity);
      stream.close();
    } catch (IOException | PGPException e) {
      throw new IllegalStateException("OpenPGP encryption failed: " + e.getMessage(), e);
    }
    // named after the ciphertext: a digest of the plaintext would tell who holds the bulletin
    String boundary = boundary("encrypted", armoured.toByteArray());
    ByteArrayOutputStream body = new ByteArrayOutputStream(armoured.size() + 1024);
    write(body, "This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)\r\n");
    write(body, "--" + boundary + "\r\n");
    writeHead(
        body,
        "Content-Type: application/pgp-encrypted",
        "Content-Description: PGP/MIME version identification");
    write(body, "Version: 1\r\n\r\n");
    write(body, "--" + boundary + "\r\n");
    writeHead(
        body,
        "Content-Type: application/octet-stream; name=\"encrypted.asc\"",
        "Content-Description: OpenPGP encrypted message",
        "Content-Disposition: inline; filename=\"encrypted.asc\"");
    write(body, crlf(armoured.toString(StandardCharsets.US_ASCII)));
    write(body, "\r\n--" + boundary + "--\r\n");
    return PreparedContent.of(
        "multipart/encrypted; protocol=\"application/pgp-encrypted\";\r\n\tboundary=\""
            + boundary
            + "\"",
        body.toByteArray());
  }

  /**
   * A boundary that cannot occur in the content: {@code =_} never starts a quoted-printable escape
   * nor appears in base64 or armour, and the digest makes it differ from the inner boundaries.
   */
  private static String boundary(String kind, byte[] content) {
    return "=_" + kind + "_" + Digests.sha256(content).substring(0, 32);
  }

  /** Armour as the library writes it (platform line ends) with CRLF, without a final line end. */
  static String crlf(String armour) {
    return armour.replace("\r\n", "\n").strip().replace("\n", "\r\n");
  }

  /** A part's header lines and the blank line after them. */
  private static void writeHead(ByteArrayOutputStream out, String... lines) {
    for (String line : lines) {
      write(out, line + "\r\n");
    }
    write(out, "\r\n");
  }

  private static void write(ByteArrayOutputStream out, String ascii) {
    out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
  }
}
