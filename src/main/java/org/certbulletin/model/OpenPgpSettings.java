package org.certbulletin.model;

import java.time.Duration;
import java.util.Objects;

/**
 * OpenPGP signing of the archive and the mail. The CERT's public key (its certificate) is a file in
 * the data folder, published beside the archive; the secret key and its passphrase come only from
 * the environment.
 *
 * @param publicKey the armoured public key file, relative to the data folder
 * @param clockSkew how far ahead of this machine's clock a key's self-signatures may be dated and
 *     still count (a key made on a machine whose clock runs ahead); absent: {@link
 *     #DEFAULT_CLOCK_SKEW}
 */
public record OpenPgpSettings(String publicKey, Duration clockSkew) {

  /** One hour: clocks a few minutes apart are common, a key from hours ahead is a wrong clock. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofHours(1);

  /** The longest skew the configuration accepts: a clock days off needs fixing, not tolerance. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

  public OpenPgpSettings {
    Objects.requireNonNull(publicKey, "publicKey == null");
    clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
    if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new IllegalArgumentException("clockSkew out of range: " + clockSkew);
    }
  }
}
