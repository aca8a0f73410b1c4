package org.certbulletin.render;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What a PDF says about itself, and the file it carries.
 *
 * @param date the bulletin's publication time, used as creation and modification date so that the
 *     same input always gives the same bytes
 */
record PdfMetadata(
    String title,
    String author,
    String subject,
    List<String> keywords,
    String language,
    OffsetDateTime date,
    Attachment attachment) {

  PdfMetadata {
    Objects.requireNonNull(title, "title == null");
    Objects.requireNonNull(author, "author == null");
    Objects.requireNonNull(subject, "subject == null");
    keywords = List.copyOf(keywords);
    Objects.requireNonNull(language, "language == null");
    Objects.requireNonNull(date, "date == null");
    Objects.requireNonNull(attachment, "attachment == null");
  }

  /** A file embedded in the PDF (PDF/A-3 associated file). */
  @SuppressWarnings("ArrayRecordComponent") // carries the bytes to embed; never compared or hashed
  record Attachment(
      String name, String mimeType, String description, String relationship, byte[] data) {}
}
