package org.certbulletin.subscribe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals {@link Token}s into the opaque text of a link, and opens them. A sealed token is AES-GCM
 * encrypted and authenticated under a key derived from the {@link SubscriberKey}: it cannot be
 * forged or altered, and it does not show the address it is for (links end up in proxies' logs).
 */
public final class TokenSeal {

  /** Why a link was not taken. */
  public enum Refusal {
    /** Not a token at all, or altered, or sealed with another key. */
    FORGED,
    /** Sealed here, but too old. */
    EXPIRED,
    /** Sealed here for another purpose. */
    WRONG_PURPOSE
  }

  /** A token opened, or why not. */
  public record Opened(Optional<Token> token, Optional<Refusal> refusal) {}

  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final int MAX_TEXT = 2048;

  private final SecretKeySpec key;
  private final SecureRandom random;
  private final Clock clock;

  public TokenSeal(SubscriberKey key, SecureRandom random, Clock clock) {
    this.key = new SecretKeySpec(key.derive("subscriber tokens"), "AES");
    this.random = random;
    this.clock = clock;
  }

  /**
   * A new token for {@code purpose} of {@code address} on {@code list}, holding until {@code
   * expires}.
   */
  public Token issue(Token.Purpose purpose, String list, String address, Instant expires) {
    byte[] id = new byte[12];
    random.nextBytes(id);
    return new Token(purpose, list, address, expires, HexFormat.of().formatHex(id));
  }

  /** {@code token} as the text of a link: URL-safe base64, no padding. */
  public String seal(Token token) {
    byte[] plain =
        String.join(
                "\n",
                token.purpose().name(),
                token.list(),
                token.address(),
                Long.toString(token.expires().getEpochSecond()),
                token.id())
            .getBytes(StandardCharsets.UTF_8);
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plain);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Opens {@code text} as a token for {@code purpose}, refusing what was forged or has expired. */
  public Opened open(String text, Token.Purpose purpose) {
    Optional<Token> token = unseal(text);
    if (token.isEmpty()) {
      return new Opened(Optional.empty(), Optional.of(Refusal.FORGED));
    }
    if (token.get().purpose() != purpose) {
      return new Opened(Optional.empty(), Optional.of(Refusal.WRONG_PURPOSE));
    }
    if (!clock.instant().isBefore(token.get().expires())) {
      return new Opened(Optional.empty(), Optional.of(Refusal.EXPIRED));
    }
    return new Opened(token, Optional.empty());
  }

  private Optional<Token> unseal(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (bytes.length <= NONCE + TAG_BITS / 8) {
      return Optional.empty();
    }
    String plain;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE));
      plain =
          new String(cipher.doFinal(bytes, NONCE, bytes.length - NONCE), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
    String[] parts = plain.split("\n", -1);
    if (parts.length != 5) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Token(
              Token.Purpose.valueOf(parts[0]),
              parts[1],
              parts[2],
              Instant.ofEpochSecond(Long.parseLong(parts[3])),
              parts[4]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
