package org.certbulletin.mail;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
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
}
