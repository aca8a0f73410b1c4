package org.certbulletin.subscribe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashcash-style challenges for the forms that mail an address (sign-up, a link to manage one's
 * subscription): the server issues a challenge sealed with a keyed digest and a time, the browser
 * finds a {@code work} such that SHA-256 of {@code challenge + ":" + work} begins with {@link
 * #bits} zero bits (about a quarter of a million hashes: a moment for one person, a cost for a
 * flood), and the server checks it without keeping anything until it is used.
 */
public final class ProofOfWork {

  /** A challenge opened: its id (record it as used) and when it stops holding. */
  public record Challenge(String id, Instant expires) {}

  /** How long a challenge holds: the time to fill the form in, and some. */
  public static final Duration LIFETIME = Duration.ofMinutes(30);

  /** The zero bits a solution's digest begins with. */
  public static final int BITS = 18;

  private static final int ID = 12;
  private static final int MAC = 16;
  private static final int LENGTH = Long.BYTES + ID + 1 + MAC;
  private static final int MAX_WORK = 20;

  private final SecretKeySpec key;
  private final SecureRandom random;
  private final Clock clock;
  private final int bits;

  public ProofOfWork(SubscriberKey key, SecureRandom random, Clock clock) {
    this(key, random, clock, BITS);
  }

  ProofOfWork(SubscriberKey key, SecureRandom random, Clock clock, int bits) {
    this.key = new SecretKeySpec(key.derive("proof of work"), "HmacSHA256");
    this.random = random;
    this.clock = clock;
    this.bits = bits;
  }

  /** A new challenge, as the text a form carries (URL-safe base64). */
  public String issue() {
    byte[] id = new byte[ID];
    random.nextBytes(id);
    ByteBuffer body =
        ByteBuffer.allocate(LENGTH)
            .putLong(clock.instant().plus(LIFETIME).getEpochSecond())
            .put(id)
            .put((byte) bits);
    byte[] mac = mac(Arrays.copyOf(body.array(), Long.BYTES + ID + 1));
    body.put(mac, 0, MAC);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(body.array());
  }

  /**
   * The challenge {@code challenge} names, if it was issued here, has not expired and {@code work}
   * solves it; empty otherwise. Whether it was used before is the caller's to record under its id.
   */
  public Optional<Challenge> check(String challenge, String work) {
    if (challenge == null
        || work == null
        || challenge.length() > 2 * LENGTH
        || work.isEmpty()
        || work.length() > MAX_WORK
        || !work.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(challenge);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (bytes.length != LENGTH) {
      return Optional.empty();
    }
    byte[] expected = mac(Arrays.copyOf(bytes, Long.BYTES + ID + 1));
    if (!MessageDigest.isEqual(
        Arrays.copyOf(expected, MAC), Arrays.copyOfRange(bytes, LENGTH - MAC, LENGTH))) {
      return Optional.empty();
    }
    ByteBuffer body = ByteBuffer.wrap(bytes);
    Instant expires = Instant.ofEpochSecond(body.getLong());
    byte[] id = new byte[ID];
    body.get(id);
    int wanted = body.get();
    if (!clock.instant().isBefore(expires) || leadingZeroBits(challenge, work) < wanted) {
      return Optional.empty();
    }
    return Optional.of(new Challenge("pow-" + HexFormat.of().formatHex(id), expires));
  }

  /** A solution of {@code challenge}: what the browser's script does, for tests and tools. */
  public static String solve(String challenge) {
    int wanted = Base64.getUrlDecoder().decode(challenge)[Long.BYTES + ID];
    for (long n = 0; ; n++) {
      String work = Long.toString(n);
      if (leadingZeroBits(challenge, work) >= wanted) {
        return work;
      }
    }
  }

  private static int leadingZeroBits(String challenge, String work) {
    byte[] digest;
    try {
      digest =
          MessageDigest.getInstance("SHA-256")
              .digest((challenge + ":" + work).getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    int zeros = 0;
    for (byte b : digest) {
      if (b == 0) {
        zeros += 8;
        continue;
      }
      return zeros + Integer.numberOfLeadingZeros(b & 0xff) - 24;
    }
    return zeros;
  }

  private byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
