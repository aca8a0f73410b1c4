package org.certbulletin.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** An output format of a bulletin. */
public enum Format {
  HTML("bulletin.html"),
  PDF("bulletin.pdf");

  private final String fileName;

  Format(String fileName) {
    this.fileName = fileName;
  }

  public String fileName() {
    return fileName;
  }

  /** Parses a comma-separated list such as {@code html,pdf}. */
  public static Set<Format> parseList(String text) {
    Set<Format> formats = EnumSet.noneOf(Format.class);
    for (String part : text.split(",", -1)) {
      String name = part.strip().toUpperCase(Locale.ROOT);
      try {
        formats.add(valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown format '" + part.strip() + "' (use html, pdf or html,pdf)");
      }
    }
    return formats;
  }
}
