package org.certbulletin.model;

import java.util.Objects;

/**
 * OpenPGP signing of the archive and the mail. The CERT's public key (its certificate) is a file in
 * the data folder, published beside the archive; the secret key and its passphrase come only from
 * the environment.
 *
 * @param publicKey the armoured public key file, relative to the data folder
 */
public record OpenPgpSettings(String publicKey) {

  public OpenPgpSettings {
    Objects.requireNonNull(publicKey, "publicKey == null");
  }
}
