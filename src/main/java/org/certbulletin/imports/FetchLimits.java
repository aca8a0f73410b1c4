package org.certbulletin.imports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far a read from a file or a server may go.
 *
 * @param maxBytes the largest document read; a larger one is refused, not truncated
 * @param timeout the longest wait for a server to connect and answer, and then for the download
 * @param trustedCertificate a PEM certificate trusted beside the system's authorities, for a
 *     provider (or a test server) with a certificate of its own
 * @param allowedHosts hosts that may be reached although their addresses are of the CERT's own
 *     network or of this machine (loopback, private, link-local...), by name as URLs write them
 */
public record FetchLimits(
    long maxBytes, Duration timeout, Optional<Path> trustedCertificate, Set<String> allowedHosts) {

  /** CSAF documents of real providers reach a few megabytes; KEV and EPSS files about 15 MB. */
  public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public FetchLimits {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes < 1: " + maxBytes);
    }
    Objects.requireNonNull(timeout, "timeout == null");
    Objects.requireNonNull(trustedCertificate, "trustedCertificate == null");
    TreeSet<String> hosts = new TreeSet<>();
    allowedHosts.forEach(h -> hosts.add(HostPolicy.normalised(h)));
    allowedHosts = Set.copyOf(hosts);
  }

  public FetchLimits(long maxBytes, Duration timeout, Optional<Path> trustedCertificate) {
    this(maxBytes, timeout, trustedCertificate, Set.of());
  }

  public static FetchLimits defaults() {
    return new FetchLimits(DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Optional.empty());
  }

  /** These limits, also allowing {@code hosts}. */
  public FetchLimits allowing(Collection<String> hosts) {
    TreeSet<String> all = new TreeSet<>(allowedHosts);
    all.addAll(hosts);
    return new FetchLimits(maxBytes, timeout, trustedCertificate, all);
  }

  /**
   * Whether {@code text} can name an allowed host: a host name or an IP address, without a scheme,
   * a port or a path.
   */
  public static boolean isHost(String text) {
    return text.length() <= 253
        && text.matches(
            "\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\\]?|[A-Za-z0-9]([A-Za-z0-9_-]{0,62})"
                + "(\\.[A-Za-z0-9]([A-Za-z0-9_-]{0,62}))*\\.?");
  }
}
