package org.certbulletin.render;

import java.util.List;

/**
 * What the Atom feed template sees. Times are RFC 3339; links are absolute when a base URL is set.
 */
public record FeedView(
    String lang,
    String id,
    String title,
    String subtitle,
    String updated,
    String self,
    String home,
    String author,
    String email,
    String web,
    List<EntryView> entries) {

  /** One bulletin in the feed. */
  public record EntryView(
      String id,
      String title,
      String published,
      String updated,
      String html,
      String pdf,
      String pdfLength,
      String json,
      String tlp,
      String summary) {}
}
