package org.certbulletin.service;

import java.util.Objects;

/**
 * A token just made, with its secret: the one time the secret is known. Its {@link #toString}
 * leaves the secret out.
 *
 * @param secret {@code cbt_} and 43 base64url characters, for {@code Authorization: Bearer}
 */
public record IssuedToken(ApiToken token, String secret) {

  public IssuedToken {
    Objects.requireNonNull(token, "token == null");
    Objects.requireNonNull(secret, "secret == null");
  }

  @Override
  public String toString() {
    return "IssuedToken[" + token + "]";
  }
}
