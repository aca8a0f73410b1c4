package org.certbulletin.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The random secrets of accounts (API tokens, session ids, CSRF tokens), and the SHA-256 under
 * which the database keeps the first two.
 */
final class Secrets {

  /** What every API token starts with, so that a leaked one is recognised (secret scanners). */
  static final String TOKEN_PREFIX = "cbt_";

  private static final int SECRET_BYTES = 32;

  /** 32 bytes in base64url without padding. */
  private static final Pattern RANDOM_PART = Pattern.compile("[A-Za-z0-9_-]{43}");

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  Secrets(SecureRandom random) {
    this.random = random;
  }

  /** A new API token: {@code cbt_} and 32 random bytes in base64url. */
  String token() {
    return TOKEN_PREFIX + randomPart();
  }

  /** A new session id or CSRF token: 32 random bytes in base64url. */
  String randomPart() {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /** Whether {@code text} has the form of a token this class makes (not whether it exists). */
  static boolean looksLikeToken(String text) {
    return text.startsWith(TOKEN_PREFIX)
        && RANDOM_PART.matcher(text.substring(TOKEN_PREFIX.length())).matches();
  }

  /** Whether {@code text} has the form of a session id this class makes. */
  static boolean looksLikeSessionId(String text) {
    return RANDOM_PART.matcher(text).matches();
  }

  /** The SHA-256 of {@code secret}'s UTF-8 bytes, in lower-case hex. */
  static String sha256(String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** Whether {@code a} equals {@code b}, in a time that does not depend on where they differ. */
  static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
