package org.certbulletin.service;

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
   * @throws ServiceFailure.BadInput if {@code listen} is not such an address
   * @throws ServiceFailure.Failed if the address cannot be bound (in use, not this machine's)
   */
  Running start(String listen);

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
