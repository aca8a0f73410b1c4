package org.certbulletin.pgp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.certbulletin.pgp.KeyState.Defect;
import org.pgpainless.PGPainless;
import org.pgpainless.algorithm.EncryptionPurpose;
import org.pgpainless.key.info.KeyRingInfo;

/**
 * A certificate as PGPainless evaluates it at one moment, with the subkeys that may sign and
 * encrypt: never throws, whatever certificate the parser accepted.
 *
 * <p>The moment is this machine's time, unless the key's own packets (its creation, its
 * self-signatures) are dated ahead of it by at most the allowed clock skew: then it is the latest
 * of those, as if the clocks agreed. Packets dated further ahead are left out (PGPainless ignores
 * signatures after the moment), and if the key is unusable without them the clock is blamed.
 */
final class KeyEvaluation {

  /** The moment the key was evaluated at: now, or up to the skew after it. */
  final Instant at;

  /**
   * When the latest of the key's own packets that count is dated: a signature it makes must not be
   * dated earlier.
   */
  final Instant latest;

  final KeyState state;

  /** The subkeys (or primary key) that may sign, of accepted algorithms. */
  final List<PGPPublicKey> signingKeys;

  /** The subkeys that may encrypt communications, of accepted algorithms. */
  final List<PGPPublicKey> encryptionKeys;

  private KeyEvaluation(
      Instant at,
      Instant latest,
      KeyState state,
      List<PGPPublicKey> signingKeys,
      List<PGPPublicKey> encryptionKeys) {
    this.at = at;
    this.latest = latest;
    this.state = state;
    this.signingKeys = List.copyOf(signingKeys);
    this.encryptionKeys = List.copyOf(encryptionKeys);
  }

  static KeyEvaluation of(PGPPublicKeyRing keys, Instant now, Duration skew) {
    String fingerprint = Certificate.fingerprint(keys);
    Optional<String> firstUserId = firstUserId(keys);
    try {
      return evaluate(keys, fingerprint, firstUserId, now, skew);
    } catch (Exception e) {
      // a certificate the parser accepted but the evaluation cannot make sense of (the library,
      // written in Kotlin, may also throw checked exceptions it does not declare)
      return unusable(
          fingerprint,
          firstUserId,
          now,
          new Defect(
              Defect.Kind.INVALID,
              "cannot be evaluated as an OpenPGP certificate (" + KeyFiles.reason(e) + ")"));
    }
  }

  private static KeyEvaluation evaluate(
      PGPPublicKeyRing keys,
      String fingerprint,
      Optional<String> firstUserId,
      Instant now,
      Duration skew) {
    PGPPublicKey primary = keys.getPublicKey();
    Optional<String> weak = KeyAlgorithms.weakness(primary);
    if (weak.isPresent()) {
      return unusable(fingerprint, firstUserId, now, new Defect(Defect.Kind.WEAK, weak.get()));
    }
    Instant limit = now.plus(skew);
    Instant created = primary.getCreationTime().toInstant();
    if (created.isAfter(limit)) {
      return unusable(
          fingerprint,
          firstUserId,
          now,
          new Defect(Defect.Kind.CLOCK, "was made at " + ahead(created, now, skew)));
    }
    List<Instant> times = ownTimes(keys);
    Instant at =
        times.stream()
            .filter(t -> t.isAfter(now) && !t.isAfter(limit))
            .max(Comparator.naturalOrder())
            .orElse(now);
    Optional<Instant> tooLate =
        times.stream().filter(t -> t.isAfter(limit)).max(Comparator.naturalOrder());

    KeyRingInfo info;
    Optional<String> userId;
    Optional<Instant> expires;
    Optional<Instant> revoked;
    List<PGPPublicKey> signing;
    List<PGPPublicKey> encryption;
    try {
      info = PGPainless.inspectKeyRing(keys, Date.from(at));
      userId = Optional.ofNullable(info.getPossiblyExpiredPrimaryUserId()).or(() -> firstUserId);
      expires = Optional.ofNullable(info.getPrimaryKeyExpirationDate()).map(Date::toInstant);
      revoked =
          info.getRevocationState().isSoftRevocation()
                  || info.getRevocationState().isHardRevocation()
              ? Optional.of(
                  Optional.ofNullable(info.getRevocationDate()).map(Date::toInstant).orElse(at))
              : Optional.empty();
      signing = info.getSigningSubkeys();
      encryption = info.getEncryptionSubkeys(EncryptionPurpose.COMMUNICATIONS);
    } catch (Exception e) {
      // PGPainless found no self-signature it accepts (NoSuchElementException and the like)
      Defect defect;
      if (tooLate.isPresent()) {
        defect =
            new Defect(
                Defect.Kind.CLOCK,
                "is self-signed at "
                    + ahead(tooLate.get(), now, skew)
                    + ", and no earlier"
                    + " self-signature makes it valid");
      } else if (firstUserId.isEmpty()) {
        defect =
            new Defect(
                Defect.Kind.INVALID,
                "has no user id and no valid self-signature, so nothing says whose key it is");
      } else {
        defect =
            new Defect(
                Defect.Kind.INVALID,
                "has no valid self-signature (the signature binding its user id is missing,"
                    + " damaged, or made with a hash algorithm no longer accepted, such as"
                    + " SHA-1)");
      }
      return unusable(fingerprint, firstUserId, at, defect);
    }

    List<String> notes = new ArrayList<>();
    List<PGPPublicKey> signingKeys = accepted(signing, "signing", notes);
    List<PGPPublicKey> encryptionKeys = accepted(encryption, "encryption", notes);
    tooLate.ifPresent(
        t ->
            notes.add(
                "a self-signature dated "
                    + ahead(t, now, skew)
                    + " is left out: check this machine's clock and that of the machine that"
                    + " made it"));
    KeyState state =
        new KeyState(
            fingerprint,
            userId,
            expires,
            revoked,
            !signingKeys.isEmpty(),
            !encryptionKeys.isEmpty(),
            Optional.empty(),
            notes);
    Instant latest =
        times.stream().filter(t -> !t.isAfter(limit)).max(Comparator.naturalOrder()).orElse(at);
    return new KeyEvaluation(at, latest, state, signingKeys, encryptionKeys);
  }

  private static List<PGPPublicKey> accepted(
      List<PGPPublicKey> keys, String use, List<String> notes) {
    List<PGPPublicKey> accepted = new ArrayList<>();
    for (PGPPublicKey key : keys) {
      Optional<String> weak = KeyAlgorithms.weakness(key);
      if (weak.isPresent()) {
        notes.add("its " + use + " key " + keyId(key) + " " + weak.get());
      } else {
        accepted.add(key);
      }
    }
    return accepted;
  }

  private static KeyEvaluation unusable(
      String fingerprint, Optional<String> userId, Instant at, Defect defect) {
    KeyState state =
        new KeyState(
            fingerprint,
            userId,
            Optional.empty(),
            Optional.empty(),
            false,
            false,
            Optional.of(defect),
            List.of());
    return new KeyEvaluation(at, at, state, List.of(), List.of());
  }

  /**
   * When the key's own packets are dated: the creation of the primary key and subkeys, and the
   * signatures the primary key made on them (user id certifications, direct-key signatures, subkey
   * bindings, revocations); not third parties' certifications.
   */
  private static List<Instant> ownTimes(PGPPublicKeyRing keys) {
    long primaryId = keys.getPublicKey().getKeyID();
    List<Instant> times = new ArrayList<>();
    for (PGPPublicKey key : keys) {
      times.add(key.getCreationTime().toInstant());
      for (Iterator<PGPSignature> signatures = key.getSignatures(); signatures.hasNext(); ) {
        PGPSignature signature = signatures.next();
        if (signature.getKeyID() == primaryId || signature.getKeyID() == 0) {
          times.add(signature.getCreationTime().toInstant());
        }
      }
    }
    return times;
  }

  /** "T, 2 h 5 min ahead of this machine's clock (N), more than openpgp.clock_skew (S) allows". */
  private static String ahead(Instant time, Instant now, Duration skew) {
    return time
        + ", "
        + human(Duration.between(now, time))
        + " ahead of this machine's clock ("
        + now.truncatedTo(ChronoUnit.SECONDS)
        + "), more than openpgp.clock_skew ("
        + skew
        + ") allows";
  }

  /** {@code 1 h 59 min 47 s}, {@code 12 s}. */
  static String human(Duration duration) {
    long seconds = duration.toSeconds();
    List<String> parts = new ArrayList<>();
    if (seconds >= 86_400) {
      parts.add(seconds / 86_400 + " d");
    }
    if (seconds % 86_400 >= 3600) {
      parts.add(seconds % 86_400 / 3600 + " h");
    }
    if (seconds % 3600 >= 60) {
      parts.add(seconds % 3600 / 60 + " min");
    }
    if (seconds % 60 > 0 || parts.isEmpty()) {
      parts.add(seconds % 60 + " s");
    }
    return String.join(" ", parts);
  }

  static String keyId(PGPPublicKey key) {
    return String.format(Locale.ROOT, "%016X", key.getKeyID());
  }

  static Optional<String> firstUserId(PGPPublicKeyRing keys) {
    List<String> userIds = userIds(keys);
    return userIds.isEmpty() ? Optional.empty() : Optional.of(userIds.get(0));
  }

  /**
   * The key's user ids as written, read leniently: a user id that is not valid UTF-8 (which the
   * library's own reader throws on) keeps its readable characters.
   */
  static List<String> userIds(PGPPublicKeyRing keys) {
    List<String> userIds = new ArrayList<>();
    for (Iterator<byte[]> ids = keys.getPublicKey().getRawUserIDs(); ids.hasNext(); ) {
      userIds.add(new String(ids.next(), StandardCharsets.UTF_8));
    }
    return userIds;
  }
}
