package org.certbulletin.pgp;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an OpenPGP certificate can do at one moment.
 *
 * @param expires when the primary key expires, if it does
 * @param revoked when it was revoked, if it was
 * @param canSign whether a valid, unexpired signing (sub)key is bound to it
 * @param canEncrypt whether a valid, unexpired encryption subkey is bound to it
 */
public record KeyState(
    String fingerprint,
    Optional<String> userId,
    Optional<Instant> expires,
    Optional<Instant> revoked,
    boolean canSign,
    boolean canEncrypt) {

  /** How long before our key expires {@code status} starts to warn. */
  public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

  public KeyState {
    Objects.requireNonNull(fingerprint, "fingerprint == null");
    Objects.requireNonNull(userId, "userId == null");
    Objects.requireNonNull(expires, "expires == null");
    Objects.requireNonNull(revoked, "revoked == null");
  }

  /** Why the key cannot be used for {@code use} at {@code now}, if it cannot. */
  public Optional<String> problem(KeyUse use, Instant now) {
    if (revoked.isPresent()) {
      return Optional.of("key " + fingerprint + " was revoked on " + revoked.get());
    }
    if (expires.isPresent() && !expires.get().isAfter(now)) {
      return Optional.of(
          "key " + fingerprint + " expired on " + expires.get() + "; extend or replace it");
    }
    boolean usable = use == KeyUse.SIGN ? canSign : canEncrypt;
    if (!usable) {
      return Optional.of(
          "key "
              + fingerprint
              + " has no valid "
              + (use == KeyUse.SIGN ? "signing" : "encryption")
              + " key (expired, revoked or never made)");
    }
    return Optional.empty();
  }

  /** A warning when the key expires within {@code ahead} of {@code now}. */
  public Optional<String> expiresSoon(Instant now, Duration ahead) {
    return expires
        .filter(e -> e.isAfter(now) && !e.isAfter(now.plus(ahead)))
        .map(
            e ->
                "key "
                    + fingerprint
                    + " expires on "
                    + e
                    + " (in "
                    + Duration.between(now, e).toDays()
                    + " days); extend it and publish the new public key");
  }
}
