package org.certbulletin.model;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP API that {@code cert-bulletin run} serves beside the scheduler ({@code serve} serves it
 * alone).
 *
 * @param listen {@code HOST:PORT}; {@code 127.0.0.1:8080} unless said otherwise
 * @param trustedProxies the addresses of the reverse proxies whose {@code X-Forwarded-For} and
 *     {@code X-Forwarded-Proto} (or {@code Forwarded}) say who the client is and whether it came
 *     over TLS; from any other address those headers are ignored
 * @param publicUrl the address readers reach the server at, behind its proxy ({@code
 *     https://cert.example/bulletins/}, ending in a slash): the links of the sign-up, confirmation,
 *     unsubscribe and privacy pages in the mail start with it
 */
public record HttpSettings(String listen, List<String> trustedProxies, Optional<URI> publicUrl) {

  public static final String DEFAULT_LISTEN = "127.0.0.1:8080";

  public HttpSettings {
    listen = listen == null ? DEFAULT_LISTEN : listen;
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    publicUrl = publicUrl == null ? Optional.empty() : publicUrl;
  }
}
