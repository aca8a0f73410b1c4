package org.certbulletin.service;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The HTTP API of an application, from the {@code http} package found at run time: the service does
 * not depend on its doors, as with {@link Scheduling}.
 */
public interface HttpServing {

  /**
   * Starts answering on {@code listen}.
   *
   * @param listen {@code HOST:PORT}, like {@code 127.0.0.1:8080} ({@code [::1]:8080}; port 0 picks
   *     a free one)
   * @param tlsKeyStore a PKCS#12 file with the server's key and certificate chain, to serve https
   *     itself (its password comes from {@code CERT_BULLETIN_TLS_PASSWORD}); empty to serve plain
   *     http, behind a reverse proxy that terminates TLS
   * @throws ServiceFailure.BadInput if {@code listen} is not such an address, or the key store is
   *     missing or has no password
   * @throws ServiceFailure.Failed if the address cannot be bound (in use, not this machine's) or
   *     the key store cannot be read
   */
  Running start(String listen, Optional<Path> tlsKeyStore);

  /** A server answering until it is closed. */
  interface Running extends AutoCloseable {

    /** {@code http://127.0.0.1:8080}, with the port actually bound. */
    String address();

    /** Stops taking requests and lets those under way finish. */
    @Override
    void close();
  }

  /** Makes the HTTP API of an application; {@code http} provides it. */
  interface Provider {
    HttpServing on(Application application);
  }
}
