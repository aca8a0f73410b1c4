package org.certbulletin.http.subscribe;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Location;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.Problem;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.SignupTopics;

/**
 * What a reader chooses on the sign-up and manage forms (language, format, sectors, vendors and
 * products), read from the form and offered back to it. A field with a control character in it is
 * refused whole (a CR or LF would be a header injection wherever it went next).
 */
final class ChoiceForm {

  /** The most vendors and products offered as boxes to tick; the rest are typed. */
  static final int MAX_OFFERED = 100;

  /** The fields whose text may hold line breaks: one term per line. */
  private static final Set<String> MULTILINE = Set.of("other");

  private ChoiceForm() {}

  /** The chosen language, if any. */
  static Optional<Locale> language(Context ctx) {
    String tag = field(ctx, "language");
    return tag.isEmpty() ? Optional.empty() : Optional.of(Locale.forLanguageTag(tag));
  }

  /** The chosen format, if any. */
  static Optional<DistributionList.Format> format(Context ctx) {
    String code = field(ctx, "format");
    if (code.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(DistributionList.Format.fromCode(code));
    } catch (IllegalArgumentException e) {
      throw refused("/format", "choose html or text");
    }
  }

  /** The sectors and products ticked or typed. */
  static Preferences preferences(Context ctx) {
    List<String> products = new ArrayList<>(ctx.formParams("product"));
    for (String line : field(ctx, "other").split("[\\r\\n,]+", -1)) {
      products.add(line);
    }
    List<String> sectors = ctx.formParams("sector");
    try {
      return new Preferences(sectors, products);
    } catch (IllegalArgumentException e) {
      throw refused(
          e.getMessage().startsWith("sectors") ? "/sectors" : "/products", e.getMessage());
    }
  }

  /**
   * Refuses a form with a control character in a field meant for one line.
   *
   * @throws ServiceFailure.BadInput naming the field
   */
  static void checkLines(Context ctx) {
    for (Map.Entry<String, List<String>> field : ctx.formParamMap().entrySet()) {
      for (String value : field.getValue()) {
        boolean multiline = MULTILINE.contains(field.getKey());
        if (value
            .chars()
            .anyMatch(c -> Character.isISOControl(c) && !(multiline && (c == '\r' || c == '\n')))) {
          throw refused("/" + field.getKey(), "a line break or control character is not allowed");
        }
      }
    }
  }

  /** The form field {@code name}, or empty. */
  static String field(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value == null ? "" : value.strip();
  }

  /**
   * What the form offers and what is ticked: {@code chosen} (the reader's current choice or the
   * form they sent back).
   */
  static Map<String, Object> model(
      SignupTopics.Offer offer,
      Preferences chosen,
      List<Locale> languages,
      Locale page,
      Optional<Locale> language,
      Optional<DistributionList.Format> format) {
    Map<String, Object> model = new LinkedHashMap<>();
    List<Map<String, Object>> sectors = new ArrayList<>();
    for (SignupTopics.Sector s : offer.sectors()) {
      sectors.add(
          Map.of(
              "term",
              s.term(),
              "label",
              s.label(),
              "checked",
              chosen.sectors().contains(s.term())));
    }
    List<Map<String, Object>> products = new ArrayList<>();
    List<String> offered = new ArrayList<>();
    List<SignupTopics.Sector> all = new ArrayList<>();
    offer.vendors().stream()
        .limit(MAX_OFFERED)
        .forEach(v -> all.add(new SignupTopics.Sector(v, v)));
    all.addAll(offer.products().stream().limit(MAX_OFFERED).toList());
    for (SignupTopics.Sector choice : all) {
      String term = Preferences.term(choice.term());
      offered.add(term);
      products.add(
          Map.of(
              "term", term, "label", choice.label(), "checked", chosen.products().contains(term)));
    }
    List<String> other = chosen.products().stream().filter(p -> !offered.contains(p)).toList();
    model.put("sectors", sectors);
    model.put("products", products);
    model.put("other", String.join("\n", other));
    model.put(
        "languages",
        languages.stream()
            .map(
                l ->
                    Map.of(
                        "tag",
                        l.toLanguageTag(),
                        "name",
                        l.getDisplayName(page),
                        "checked",
                        language.map(l::equals).orElse(false)))
            .toList());
    model.put("format", format.map(DistributionList.Format::code).orElse(""));
    return model;
  }

  private static ServiceFailure.BadInput refused(String pointer, String message) {
    return new ServiceFailure.BadInput(
        message, List.of(new Problem("form", Location.START, pointer, message)));
  }
}
