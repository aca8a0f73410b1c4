package org.certbulletin.pgp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.util.encoders.Hex;
import org.pgpainless.PGPainless;

/**
 * An OpenPGP certificate (a public key with its user ids and subkeys): the CERT's own, which
 * readers check signatures with, or a recipient's, which mail is encrypted to.
 */
public record Certificate(PGPPublicKeyRing keys) {

  public Certificate {
    Objects.requireNonNull(keys, "keys == null");
  }

  /**
   * The primary key's fingerprint, upper-case hex without spaces, as {@code gpg} matches it: read
   * from the key itself, so even a certificate that cannot be used has one to name it by.
   */
  public String fingerprint() {
    return fingerprint(keys);
  }

  /**
   * The fingerprint as {@code gpg --fingerprint} prints a version 4 key, in groups of four with a
   * wider gap in the middle, for readers to compare by eye.
   */
  public String spacedFingerprint() {
    String hex = fingerprint();
    StringBuilder out = new StringBuilder(hex.length() + hex.length() / 4 + 1);
    for (int i = 0; i < hex.length(); i += 4) {
      if (i > 0) {
        out.append(i == hex.length() / 2 ? "  " : " ");
      }
      out.append(hex, i, Math.min(hex.length(), i + 4));
    }
    return out.toString();
  }

  /** The first user id, such as {@code SN-CERT <bulletin@cert.example>}, if any. */
  public Optional<String> userId() {
    return KeyEvaluation.firstUserId(keys);
  }

  /**
   * The email addresses in its user ids ({@code Name <address>} or a bare address), those of an
   * expired or revoked key included, so that such a key is reported rather than taken for a missing
   * one.
   */
  public List<String> addresses() {
    List<String> addresses = new ArrayList<>();
    for (String userId : KeyEvaluation.userIds(keys)) {
      int open = userId.lastIndexOf('<');
      int close = userId.lastIndexOf('>');
      String address =
          open >= 0 && close > open ? userId.substring(open + 1, close) : userId.strip();
      if (address.indexOf('@') > 0) {
        addresses.add(address.strip());
      }
    }
    return addresses;
  }

  /** The certificate, ASCII-armoured, as published for readers to import. */
  public byte[] armoured() {
    return PGPainless.asciiArmor(keys).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * What this certificate can do at {@code now}, and until when, with its own packets dated up to
   * {@code clockSkew} ahead of {@code now} counted as made now (a key made on a machine whose clock
   * runs ahead). Never throws: a certificate that cannot be used says why in {@link
   * KeyState#defect()}.
   */
  public KeyState state(Instant now, Duration clockSkew) {
    // one inspection (it verifies every self-signature) for all of it: a send checks each
    // recipient's key once per message
    return evaluate(now, clockSkew).state;
  }

  KeyEvaluation evaluate(Instant now, Duration clockSkew) {
    return KeyEvaluation.of(keys, now, clockSkew);
  }

  /** Two certificates are equal when they hold the same packets. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Certificate that && Arrays.equals(encoded(), that.encoded());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded());
  }

  private byte[] encoded() {
    try {
      return keys.getEncoded();
    } catch (IOException | RuntimeException e) {
      // a damaged certificate the parser took but cannot write back: its fingerprint names it
      return fingerprint().getBytes(StandardCharsets.US_ASCII);
    }
  }

  static String fingerprint(PGPKeyRing keys) {
    return Hex.toHexString(keys.getPublicKey().getFingerprint()).toUpperCase(Locale.ROOT);
  }
}
