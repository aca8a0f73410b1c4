package org.certbulletin.pgp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an OpenPGP certificate can do at one moment.
 *
 * @param userId its primary user id, if it has one
 * @param expires when the primary key expires, if it does
 * @param revoked when it was revoked, if it was
 * @param canSign whether a valid, unexpired signing (sub)key of an accepted algorithm is bound to
 *     it
 * @param canEncrypt whether a valid, unexpired encryption subkey of an accepted algorithm is bound
 *     to it
 * @param defect why the certificate cannot be used at all, if it cannot (a weak algorithm,
 *     self-signatures from a clock ahead of ours, none valid)
 * @param notes why some of its subkeys do not count (a weak algorithm, a self-signature dated
 *     ahead), for the message when no subkey is left for a use
 */
public record KeyState(
    String fingerprint,
    Optional<String> userId,
    Optional<Instant> expires,
    Optional<Instant> revoked,
    boolean canSign,
    boolean canEncrypt,
    Optional<Defect> defect,
    List<String> notes) {

  /** How long before our key expires {@code status} starts to warn. */
  public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

  /**
   * Why a certificate cannot be used at all.
   *
   * @param reason what is wrong, to follow "key FINGERPRINT "
   */
  public record Defect(Kind kind, String reason) {

    /** The kinds of defect, each with its own remedy. */
    public enum Kind {
      /** An algorithm or key size that is refused (RSA under 2048 bits, DSA, ElGamal). */
      WEAK,
      /** Made or self-signed further ahead of this machine's clock than the skew allows. */
      CLOCK,
      /** No valid self-signature, no user id, a key version or algorithm not supported. */
      INVALID
    }

    public Defect {
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  public KeyState {
    Objects.requireNonNull(fingerprint, "fingerprint == null");
    Objects.requireNonNull(userId, "userId == null");
    Objects.requireNonNull(expires, "expires == null");
    Objects.requireNonNull(revoked, "revoked == null");
    Objects.requireNonNull(defect, "defect == null");
    notes = List.copyOf(notes);
  }

  /**
   * Why the key cannot be used for {@code use} at {@code now}, if it cannot, with what to do: for
   * {@link KeyUse#SIGN} (the CERT's own key) advice for the operator, for {@link KeyUse#ENCRYPT} (a
   * recipient's) what its owner must do.
   */
  public Optional<String> problem(KeyUse use, Instant now) {
    String key = "key " + fingerprint;
    if (defect.isPresent()) {
      return Optional.of(key + " " + defect.get().reason() + "; " + remedy(defect.get(), use));
    }
    if (revoked.isPresent()) {
      return Optional.of(key + " was revoked on " + revoked.get());
    }
    if (expires.isPresent() && !expires.get().isAfter(now)) {
      return Optional.of(
          key
              + " expired on "
              + expires.get()
              + (use == KeyUse.SIGN
                  ? "; extend it (gpg --quick-set-expire " + fingerprint + " 1y) or make a new key"
                  : "; its owner must extend or replace it"));
    }
    if (use == KeyUse.SIGN && userId.isEmpty()) {
      return Optional.of(
          key
              + " has no user id, so readers cannot tell whose key it is; add one (gpg"
              + " --quick-add-uid "
              + fingerprint
              + " \"NAME <ADDRESS>\") and export it again");
    }
    boolean usable = use == KeyUse.SIGN ? canSign : canEncrypt;
    if (!usable) {
      String why =
          notes.isEmpty() ? " (expired, revoked or never made)" : ": " + String.join("; ", notes);
      return Optional.of(
          use == KeyUse.SIGN
              ? key
                  + " has no valid signing key"
                  + why
                  + "; add one (gpg --quick-add-key "
                  + fingerprint
                  + " ed25519 sign 2y) or make a new key, and export it again"
              : key + " has no valid encryption key" + why);
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

  private String remedy(Defect defect, KeyUse use) {
    String newKey =
        use == KeyUse.SIGN
            ? "make a new key: gpg --quick-gen-key \""
                + userId.orElse("NAME <ADDRESS>")
                + "\" ed25519 sign 2y"
            : "its owner must make a new key (gpg --quick-gen-key \"NAME <ADDRESS>\""
                + " future-default default 2y makes an Ed25519 key with a Curve25519 subkey)";
    return switch (defect.kind()) {
      case WEAK -> newKey;
      case CLOCK ->
          "check this machine's clock (timedatectl) and the clock of the machine that made the"
              + " key; openpgp.clock_skew in config.json sets how far ahead a key may be";
      case INVALID ->
          use == KeyUse.SIGN
              ? "export it again (gpg --export --armor " + fingerprint + ") or " + newKey
              : "ask its owner for a current export (gpg --export --armor ADDRESS)";
    };
  }
}
