package org.certbulletin.render;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.certbulletin.model.Percent;

/** Numbers, percentages, dates and lists written the way the bulletin's language writes them. */
final class Formats {

  private final Messages messages;
  private final Locale locale;
  private final DateTimeFormatter full;
  private final DateTimeFormatter dayMonth;
  private final DateTimeFormatter day;
  private final DateTimeFormatter time;

  Formats(Messages messages) {
    this.messages = messages;
    this.locale = messages.locale();
    this.full = DateTimeFormatter.ofPattern(messages.get("date.full"), locale);
    this.dayMonth = DateTimeFormatter.ofPattern(messages.get("date.dayMonth"), locale);
    this.day = DateTimeFormatter.ofPattern(messages.get("date.day"), locale);
    this.time = DateTimeFormatter.ofPattern(messages.get("date.time"), locale);
  }

  String number(long value) {
    return NumberFormat.getIntegerInstance(locale).format(value);
  }

  /** A signed percentage with one decimal: {@code +5.8%}, {@code -4.3%}. */
  String signedPercent(BigDecimal percent) {
    String magnitude = percent(percent.abs());
    return (percent.signum() > 0 ? "+" : percent.signum() < 0 ? "\u2212" : "") + magnitude;
  }

  /** A percentage with one decimal: {@code 63.0%}. */
  String percent(BigDecimal percent) {
    NumberFormat format = NumberFormat.getNumberInstance(locale);
    format.setMinimumFractionDigits(1);
    format.setMaximumFractionDigits(1);
    return format.format(percent) + "%";
  }

  /** {@code part} as a share of {@code whole}, one decimal. */
  String share(long part, long whole) {
    return Percent.of(part, whole).map(this::percent).orElse("\u2013");
  }

  String date(LocalDate date) {
    return full.format(date);
  }

  String dateTime(OffsetDateTime dateTime) {
    String offset = dateTime.getOffset().getId();
    return time.format(dateTime)
        + messages.get("punct.open")
        + "UTC"
        + ("Z".equals(offset) ? "" : offset)
        + messages.get("punct.close");
  }

  /**
   * A date range, as short as the language allows: {@code 16–22 December 2024}, {@code
   * 2024年12月16日至22日}. Each pattern gets both dates in full, as day and month, and as day.
   */
  String period(LocalDate start, LocalDate end) {
    String key =
        start.getYear() != end.getYear()
            ? "period.other"
            : start.getMonth() != end.getMonth() ? "period.sameYear" : "period.sameMonth";
    return messages.format(
        key,
        full.format(start),
        dayMonth.format(start),
        day.format(start),
        full.format(end),
        dayMonth.format(end),
        day.format(end));
  }

  /** {@code a, b and c}. */
  String list(List<String> items) {
    if (items.isEmpty()) {
      return "";
    }
    if (items.size() == 1) {
      return items.get(0);
    }
    String head = String.join(messages.get("list.separator"), items.subList(0, items.size() - 1));
    return messages.format(
        items.size() == 2 ? "list.pair" : "list.serialEnd", head, items.get(items.size() - 1));
  }
}
