package org.certbulletin.subscribe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

/**
 * The secret behind every link and return address a subscriber gets: confirmation, unsubscribe and
 * privacy tokens are sealed with it, and bounce addresses tagged with it. It comes only from the
 * environment variable {@value #VARIABLE}; each use derives a key of its own from it.
 */
public final class SubscriberKey {

  /** Where the secret comes from. */
  public static final String VARIABLE = "CERT_BULLETIN_SUBSCRIBER_KEY";

  /** The shortest secret accepted. */
  public static final int MIN_LENGTH = 32;

  private final byte[] secret;

  private SubscriberKey(byte[] secret) {
    this.secret = secret;
  }

  /**
   * The key in {@code environment}.
   *
   * @throws IllegalStateException with what to do, if it is missing or too short
   */
  public static SubscriberKey from(Map<String, String> environment) {
    return find(environment)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    VARIABLE
                        + " is not set: subscriber links and bounce addresses are sealed with"
                        + " it. Set it to at least "
                        + MIN_LENGTH
                        + " random characters (openssl rand -base64 32), the same on every"
                        + " node, and keep it: changing it breaks the links already mailed"));
  }

  /**
   * The key in {@code environment}, if set.
   *
   * @throws IllegalStateException if it is set but too short
   */
  public static Optional<SubscriberKey> find(Map<String, String> environment) {
    String value = environment.get(VARIABLE);
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    if (value.length() < MIN_LENGTH) {
      throw new IllegalStateException(
          VARIABLE
              + " is "
              + value.length()
              + " characters long; use at least "
              + MIN_LENGTH
              + " random characters (openssl rand -base64 32)");
    }
    return Optional.of(new SubscriberKey(value.getBytes(StandardCharsets.UTF_8)));
  }

  /** A 32-byte key for {@code purpose}, derived from the secret. */
  byte[] derive(String purpose) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(("cert-bulletin " + purpose + "\n").getBytes(StandardCharsets.UTF_8));
      return sha256.digest(secret);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "SubscriberKey[hidden]";
  }
}
