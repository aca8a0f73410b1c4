package org.certbulletin.service;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Optional;
import org.certbulletin.mail.SubscriberHeaders;
import org.certbulletin.model.Config;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.HttpSettings;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.subscribe.ReturnPath;
import org.certbulletin.subscribe.SubscriberKey;
import org.certbulletin.subscribe.TokenSeal;

/**
 * The server's subscriber pages and bounce mailbox as a list's mail names them: the page where a
 * subscriber sees, changes, exports or deletes their data (linked from every body), and the
 * per-delivery unsubscribe link and return path (headers and envelope).
 */
final class SubscriberPages {

  private SubscriberPages() {}

  /** {@code {public_url}subscriptions/manage}, when the server has a public address. */
  static Optional<String> manage(Config config) {
    return publicUrl(config).map(url -> url + "subscriptions/manage");
  }

  /**
   * The per-delivery headers of {@code list}'s messages: the product's unsubscribe link when the
   * list names none of its own and the server has a public address, and the bounce mailbox's return
   * path when {@code bounces} is configured.
   *
   * @throws InvalidDataException when they need {@link SubscriberKey#VARIABLE} and it is not set
   */
  static SubscriberHeaders headers(Config config, DistributionList list, SendOptions options) {
    Optional<URI> page = publicUrl(config).filter(url -> list.unsubscribe().isEmpty());
    if (page.isEmpty() && config.bounces().isEmpty()) {
      return SubscriberHeaders.NONE;
    }
    SubscriberKey key;
    try {
      key = SubscriberKey.from(options.environment());
    } catch (IllegalStateException e) {
      throw InvalidDataException.of(
          SubscriberKey.VARIABLE,
          "list '"
              + list.name()
              + "' is sent with "
              + (page.isPresent() ? "the server's unsubscribe link" : "")
              + (page.isPresent() && config.bounces().isPresent() ? " and " : "")
              + (config.bounces().isPresent() ? "a return path per delivery (bounces)" : "")
              + ": "
              + e.getMessage());
    }
    return new SubscriberHeaders(
        list.name(),
        page.map(
            url ->
                new SubscriberHeaders.Unsubscribe(
                    url, new TokenSeal(key, new SecureRandom(), options.clock()))),
        config.bounces().map(b -> new ReturnPath(b, key)),
        options.clock());
  }

  /** The server's public address, ending in a slash. */
  private static Optional<URI> publicUrl(Config config) {
    return config
        .http()
        .flatMap(HttpSettings::publicUrl)
        .map(url -> url.toString().endsWith("/") ? url : URI.create(url + "/"));
  }
}
