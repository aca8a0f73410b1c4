package org.certbulletin.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.certbulletin.model.OpenPgpSettings;
import org.certbulletin.pgp.Certificate;
import org.certbulletin.pgp.Keyring;
import org.certbulletin.pgp.SigningKey;

/**
 * The OpenPGP side of a list's messages: the CERT's signing key and, for a list that encrypts, its
 * recipients' keys, looked up as of {@code now}.
 */
public record MailOpenPgp(SigningKey key, Optional<Keyring> keyring, Instant now) {

  public MailOpenPgp {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(keyring, "keyring == null");
    Objects.requireNonNull(now, "now == null");
  }

  /**
   * A list's OpenPGP keys when the CERT publishes a {@code certificate}: its secret key from {@code
   * environment} (a send without it is refused rather than sent unsigned, since readers are told to
   * expect signed mail) and, for a list that encrypts, its {@code keyring}, read after the key;
   * both as of {@code clock}'s now.
   */
  public static Optional<MailOpenPgp> of(
      Optional<Certificate> certificate,
      Supplier<OpenPgpSettings> settings,
      Map<String, String> environment,
      Clock clock,
      Supplier<Optional<Keyring>> keyring) {
    if (certificate.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    SigningKey key =
        SigningKey.load(certificate.get(), environment, now, settings.get().clockSkew());
    return Optional.of(new MailOpenPgp(key, keyring.get(), now));
  }
}
