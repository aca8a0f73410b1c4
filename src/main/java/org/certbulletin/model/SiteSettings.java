package org.certbulletin.model;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How the public archive is addressed.
 *
 * @param baseUrl public address of {@code out/site/}, ending in a slash; without it the feed uses
 *     relative links
 * @param feedEntries how many bulletins the Atom feed lists (absent or 0: 20)
 */
public record SiteSettings(Optional<URI> baseUrl, int feedEntries) {

  public static final int DEFAULT_FEED_ENTRIES = 20;

  public SiteSettings {
    Objects.requireNonNull(baseUrl, "baseUrl == null");
    feedEntries = feedEntries == 0 ? DEFAULT_FEED_ENTRIES : feedEntries;
    if (feedEntries < 1) {
      throw new IllegalArgumentException("feedEntries < 1: " + feedEntries);
    }
  }

  public static SiteSettings defaults() {
    return new SiteSettings(Optional.empty(), DEFAULT_FEED_ENTRIES);
  }
}
