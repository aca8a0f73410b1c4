package org.certbulletin.model;

import java.util.Objects;
import java.util.Optional;

/**
 * How readers reach the issuing CERT.
 *
 * @param openpgpFingerprint the fingerprint of the key the CERT signs with, when it signs; read
 *     from the published key file, never written in the configuration
 */
public record Contact(
    String email,
    Optional<String> phone,
    Optional<String> web,
    Optional<String> address,
    Optional<String> openpgpFingerprint) {

  public Contact {
    Objects.requireNonNull(email, "email == null");
    Objects.requireNonNull(phone, "phone == null");
    Objects.requireNonNull(web, "web == null");
    Objects.requireNonNull(address, "address == null");
    openpgpFingerprint = openpgpFingerprint == null ? Optional.empty() : openpgpFingerprint;
  }

  public Contact(
      String email, Optional<String> phone, Optional<String> web, Optional<String> address) {
    this(email, phone, web, address, Optional.empty());
  }

  public Contact withOpenPgpFingerprint(String fingerprint) {
    return new Contact(email, phone, web, address, Optional.of(fingerprint));
  }
}
