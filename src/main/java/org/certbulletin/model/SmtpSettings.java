package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The mail server, without secrets: user and password come only from the environment ({@code
 * CERT_BULLETIN_SMTP_USER}, {@code CERT_BULLETIN_SMTP_PASSWORD}). Absent values (null or 0) take
 * the defaults docs/reference/config.md gives; the port defaults to the one of the connection's
 * security.
 */
public record SmtpSettings(
    String host,
    int port,
    Security security,
    String from,
    Optional<String> fromName,
    Duration timeout,
    double ratePerSecond,
    int retryAttempts,
    Duration retryBackoff) {

  /** How the connection is protected. */
  public enum Security {
    STARTTLS(587),
    TLS(465),
    NONE(25);

    private final int defaultPort;

    Security(int defaultPort) {
      this.defaultPort = defaultPort;
    }

    @JsonCreator
    public static Security fromCode(String code) {
      return EnumCodes.parse(Security.class, code, Security::code, "smtp security");
    }

    @JsonValue
    public String code() {
      return EnumCodes.lowerCase(this);
    }
  }

  public SmtpSettings {
    Objects.requireNonNull(host, "host == null");
    security = security == null ? Security.STARTTLS : security;
    port = port == 0 ? security.defaultPort : port;
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(fromName, "fromName == null");
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    ratePerSecond = ratePerSecond == 0 ? 50 : ratePerSecond;
    retryAttempts = retryAttempts == 0 ? 5 : retryAttempts;
    retryBackoff = retryBackoff == null ? Duration.ofSeconds(2) : retryBackoff;
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("ratePerSecond must be positive: " + ratePerSecond);
    }
    if (retryAttempts < 1) {
      throw new IllegalArgumentException("retryAttempts < 1: " + retryAttempts);
    }
  }
}
