package org.certbulletin.imports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a read from a file or a server may go.
 *
 * @param maxBytes the largest document read; a larger one is refused, not truncated
 * @param timeout the longest wait for a server to connect, and then to answer one request
 * @param trustedCertificate a PEM certificate trusted beside the system's authorities, for a
 *     provider (or a test server) with a certificate of its own
 */
public record FetchLimits(long maxBytes, Duration timeout, Optional<Path> trustedCertificate) {

  /** CSAF documents of real providers reach a few megabytes; KEV and EPSS files about 15 MB. */
  public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public FetchLimits {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes < 1: " + maxBytes);
    }
    Objects.requireNonNull(timeout, "timeout == null");
    Objects.requireNonNull(trustedCertificate, "trustedCertificate == null");
  }

  public static FetchLimits defaults() {
    return new FetchLimits(DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Optional.empty());
  }
}
