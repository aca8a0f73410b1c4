package org.certbulletin.model;

import java.util.Objects;

/**
 * The HTTP API that {@code cert-bulletin run} serves beside the scheduler ({@code serve} serves it
 * alone).
 *
 * @param listen {@code HOST:PORT}; {@code 127.0.0.1:8080} unless said otherwise
 */
public record HttpSettings(String listen) {

  public static final String DEFAULT_LISTEN = "127.0.0.1:8080";

  public HttpSettings {
    listen = listen == null ? DEFAULT_LISTEN : listen;
    Objects.requireNonNull(listen, "listen == null");
  }
}
