package org.certbulletin.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The mail server, without secrets: user and password come only from the environment
 * ({@code CERT_BULLETIN_SMTP_USER}, {@code CERT_BULLETIN_SMTP_PASSWORD}).
 */
public record SmtpSettings(String host, int port, Security security, String from, Optional<String> fromName,
    Duration timeout, double ratePerSecond, int retryAttempts, Duration retryBackoff) {

  /** How the connection is protected. */
  public enum Security { STARTTLS, TLS, NONE }

  public SmtpSettings {
    Objects.requireNonNull(host, "host == null");
    Objects.requireNonNull(security, "security == null");
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(fromName, "fromName == null");
    Objects.requireNonNull(timeout, "timeout == null");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("ratePerSecond must be positive: " + ratePerSecond);
    }
    if (retryAttempts < 1) {
      throw new IllegalArgumentException("retryAttempts < 1: " + retryAttempts);
    }
    Objects.requireNonNull(retryBackoff, "retryBackoff == null");
  }
}
