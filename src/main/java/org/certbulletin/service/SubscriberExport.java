package org.certbulletin.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Subscriber;

/**
 * Subscribers as an operator exports them: every field, as CSV (RFC 4180, a header row, CRLF) or as
 * JSON. A CSV cell a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return first) is written after an apostrophe, so that opening the
 * file runs nothing; the JSON holds the values as they are.
 */
public final class SubscriberExport {

  /** How the export is written. */
  public enum Format {
    CSV,
    JSON;

    /** {@code csv} or {@code json}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The fields, in the order of the CSV's columns and the JSON's members. */
  static final List<String> FIELDS =
      List.of(
          "id",
          "list",
          "address",
          "status",
          "origin",
          "language",
          "format",
          "sectors",
          "products",
          "organisation",
          "soft_bounces",
          "reason",
          "decided_by",
          "created",
          "confirmed",
          "updated");

  private SubscriberExport() {}

  /** {@code subscribers} written as {@code format}. */
  static String write(List<Subscriber> subscribers, Format format) {
    return switch (format) {
      case CSV -> csv(subscribers);
      case JSON -> json(subscribers);
    };
  }

  /** One subscriber's fields by name; lists as lists, absent values as null. */
  public static Map<String, Object> fields(Subscriber s) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", s.id());
    fields.put("list", s.list());
    fields.put("address", s.address());
    fields.put("status", s.status().code());
    fields.put("origin", s.origin().code());
    fields.put("language", s.language().map(Locale::toLanguageTag).orElse(null));
    fields.put("format", s.format().map(DistributionList.Format::code).orElse(null));
    fields.put("sectors", s.preferences().sectors());
    fields.put("products", s.preferences().products());
    fields.put("organisation", s.organisation().orElse(null));
    fields.put("soft_bounces", s.softBounces());
    fields.put("reason", s.reason().orElse(null));
    fields.put("decided_by", s.decidedBy().orElse(null));
    fields.put("created", time(s.created()));
    fields.put("confirmed", s.confirmed().map(SubscriberExport::time).orElse(null));
    fields.put("updated", time(s.updated()));
    return fields;
  }

  private static String json(List<Subscriber> subscribers) {
    List<Map<String, Object>> rows = new ArrayList<>();
    subscribers.forEach(s -> rows.add(fields(s)));
    String json =
        JsonMapping.mapper()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(Map.of("subscribers", rows));
    return json + "\n";
  }

  static String csv(List<Subscriber> subscribers) {
    StringBuilder out = new StringBuilder();
    row(out, FIELDS);
    for (Subscriber s : subscribers) {
      List<String> cells = new ArrayList<>();
      for (Object value : fields(s).values()) {
        cells.add(text(value));
      }
      row(out, cells);
    }
    return out.toString();
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof List<?> terms) {
      return String.join("; ", terms.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }

  private static void row(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  /** One cell: defused if a spreadsheet would read a formula, quoted if it must be. */
  static String cell(String value) {
    String safe = value;
    if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
      safe = "'" + safe;
    }
    boolean quote =
        safe.indexOf(',') >= 0
            || safe.indexOf('"') >= 0
            || safe.indexOf('\n') >= 0
            || safe.indexOf('\r') >= 0
            || (!safe.isEmpty() && (safe.charAt(0) == ' ' || safe.endsWith(" ")));
    return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
  }

  private static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
