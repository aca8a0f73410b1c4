package org.certbulletin.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.certbulletin.model.Percent;

/** Numbers, percentages, dates and lists written the way the bulletin's language writes them. */
final class Formats {

  private static final long TEN_THOUSAND = 10_000;

  private final Messages messages;
  private final Locale locale;
  private final DateTimeFormatter full;
  private final DateTimeFormatter dayMonth;
  private final DateTimeFormatter day;
  private final DateTimeFormatter time;

  /**
   * Number formats made once and copied for each use (a format is not safe to share between
   * threads; looking one up for the locale took most of the time of writing a number).
   */
  private final NumberFormat integer;

  private final NumberFormat oneDecimal;

  Formats(Messages messages) {
    this.messages = messages;
    this.locale = messages.locale();
    this.full = DateTimeFormatter.ofPattern(messages.get("date.full"), locale);
    this.dayMonth = DateTimeFormatter.ofPattern(messages.get("date.dayMonth"), locale);
    this.day = DateTimeFormatter.ofPattern(messages.get("date.day"), locale);
    this.time = DateTimeFormatter.ofPattern(messages.get("date.time"), locale);
    this.integer = NumberFormat.getIntegerInstance(locale);
    this.oneDecimal = NumberFormat.getNumberInstance(locale);
    oneDecimal.setMinimumFractionDigits(1);
    oneDecimal.setMaximumFractionDigits(1);
  }

  String number(long value) {
    return ((NumberFormat) integer.clone()).format(value);
  }

  /**
   * A count as the language states it in prose and on key-figure cards, where it is read rather
   * than looked up. Chinese states a count of 10,000 or more in 万 (10⁴), 亿 (10⁸) or 万亿 (10¹²), as
   * CNCERT's weekly report does: to three significant digits but every digit before the point, half
   * up, trailing zeros dropped, and with 约 ("about") when that rounded it: 2,520,000 is {@code
   * 252万}, 2,518,364 {@code 约252万}, 25,203,000 {@code 约2520万}, 123,456,789 {@code 约1.23亿}. A
   * language whose bundle has no such units (English) writes the exact number, as tables do in
   * every language.
   */
  String count(long value) {
    if (Math.abs(value) < TEN_THOUSAND || messages.getOr("number.unit.4", "").isEmpty()) {
      return number(value);
    }
    BigDecimal magnitude = BigDecimal.valueOf(value).abs();
    int exponent = 4;
    while (exponent < 12 && magnitude.compareTo(BigDecimal.TEN.pow(exponent + 4)) >= 0) {
      exponent += 4;
    }
    BigDecimal scaled = rounded(magnitude.movePointLeft(exponent));
    if (exponent < 12 && scaled.compareTo(BigDecimal.valueOf(TEN_THOUSAND)) >= 0) {
      exponent += 4;
      scaled = rounded(magnitude.movePointLeft(exponent));
    }
    String text =
        messages.format("number.unit." + exponent, (value < 0 ? "-" : "") + scaled.toPlainString());
    boolean exact = scaled.movePointRight(exponent).compareTo(magnitude) == 0;
    return exact ? text : messages.format("number.about", text);
  }

  /** {@code value} to three significant digits, but every digit before the point; half up. */
  private static BigDecimal rounded(BigDecimal value) {
    int whole = value.precision() - value.scale();
    BigDecimal kept = value.setScale(Math.max(0, 3 - whole), RoundingMode.HALF_UP);
    kept = kept.stripTrailingZeros();
    return kept.scale() < 0 ? kept.setScale(0) : kept;
  }

  /** A signed percentage with one decimal: {@code +5.8%}, {@code -4.3%}. */
  String signedPercent(BigDecimal percent) {
    String magnitude = percent(percent.abs());
    return (percent.signum() > 0 ? "+" : percent.signum() < 0 ? "\u2212" : "") + magnitude;
  }

  /** A percentage with one decimal: {@code 63.0%}. */
  String percent(BigDecimal percent) {
    return ((NumberFormat) oneDecimal.clone()).format(percent) + "%";
  }

  /** {@code part} as a share of {@code whole}, one decimal. */
  String share(long part, long whole) {
    return Percent.of(part, whole).map(this::percent).orElse("\u2013");
  }

  String date(LocalDate date) {
    return full.format(date);
  }

  String dateTime(OffsetDateTime dateTime) {
    return time.format(dateTime)
        + messages.get("punct.open")
        + utc(dateTime)
        + messages.get("punct.close");
  }

  /**
   * A date and time with the name the language gives the time of {@code zone}, when the time is in
   * it and the bundle names it ({@code zone.Asia/Shanghai=北京时间}): {@code 2024年12月25日 10:00（北京时间）};
   * else with its UTC offset, as {@link #dateTime(OffsetDateTime)}.
   */
  String dateTime(OffsetDateTime dateTime, ZoneId zone) {
    String name = messages.getOr("zone." + zone.getId(), "");
    boolean inZone = zone.getRules().getOffset(dateTime.toInstant()).equals(dateTime.getOffset());
    if (name.isEmpty() || !inZone) {
      return dateTime(dateTime);
    }
    return time.format(dateTime) + messages.get("punct.open") + name + messages.get("punct.close");
  }

  private static String utc(OffsetDateTime dateTime) {
    String offset = dateTime.getOffset().getId();
    return "UTC" + ("Z".equals(offset) ? "" : offset);
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
