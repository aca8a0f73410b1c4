package org.certbulletin.model;

import java.util.Objects;
import java.util.Optional;

/** How readers reach the issuing CERT. */
public record Contact(
    String email, Optional<String> phone, Optional<String> web, Optional<String> address) {

  public Contact {
    Objects.requireNonNull(email, "email == null");
    Objects.requireNonNull(phone, "phone == null");
    Objects.requireNonNull(web, "web == null");
    Objects.requireNonNull(address, "address == null");
  }
}
