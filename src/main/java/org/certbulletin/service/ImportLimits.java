package org.certbulletin.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.imports.FetchLimits;

/**
 * How far an import may read: the largest document, the longest wait for a server, a certificate to
 * trust besides the system's, and hosts of the CERT's own network it may reach.
 */
public record ImportLimits(
    long maxBytes, Duration timeout, Optional<Path> trustedCertificate, Set<String> allowedHosts) {

  public static final long DEFAULT_MAX_BYTES = FetchLimits.DEFAULT_MAX_BYTES;

  public static final Duration DEFAULT_TIMEOUT = FetchLimits.DEFAULT_TIMEOUT;

  public ImportLimits {
    allowedHosts = Set.copyOf(allowedHosts);
  }

  /**
   * Whether {@code text} can name an allowed host: a host name or an IP address, without a scheme,
   * a port or a path.
   */
  public static boolean isHost(String text) {
    return FetchLimits.isHost(text);
  }

  FetchLimits fetchLimits() {
    return new FetchLimits(maxBytes, timeout, trustedCertificate, allowedHosts);
  }
}
