package org.certbulletin.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Selector;

/**
 * The text and background colours a browser gives an element of a page, from the page's own {@code
 * <style>} sheets and {@code style} attributes, for a screen of a given width: the cascade by
 * specificity and order, colour inherited, background taken from the nearest ancestor that has one.
 * Enough for pages whose colours are plain hex values (no images, gradients, opacity or positioned
 * overlap), as the bulletin's are; rules with states ({@code :hover}) or pseudo-elements do not
 * apply.
 */
public final class CssCascade {

  private static final Pattern MAX_WIDTH = Pattern.compile("max-width:\\s*(\\d+)px");
  private static final Pattern MIN_WIDTH = Pattern.compile("min-width:\\s*(\\d+)px");

  private final List<Rule> rules;

  private CssCascade(List<Rule> rules) {
    this.rules = rules;
  }

  /** The colours an element's own text is drawn in, and on. */
  public record TextColours(String foreground, String background) {

    public double ratio() {
      return Contrast.ratio(foreground, background);
    }
  }

  /** The cascade of every {@code <style>} element of {@code page}. */
  public static CssCascade of(Document page) {
    StringBuilder css = new StringBuilder();
    for (Element style : page.select("style")) {
      css.append(style.data()).append('\n');
    }
    List<Rule> rules = new ArrayList<>();
    new Parser(css.toString().replaceAll("(?s)/\\*.*?\\*/", ""), rules).block("all");
    return new CssCascade(rules);
  }

  /** The colours of {@code element}'s text on a screen {@code width} CSS pixels wide. */
  public TextColours colours(Element element, int width) {
    String foreground = "#000000";
    for (Element e = element; e != null; e = e.parent()) {
      Optional<String> colour = declared(e, width, "color").flatMap(Contrast::hexIn);
      if (colour.isPresent()) {
        foreground = colour.get();
        break;
      }
    }
    String background = "#ffffff";
    for (Element e = element; e != null; e = e.parent()) {
      Optional<String> colour = declared(e, width, "background").flatMap(Contrast::hexIn);
      if (colour.isPresent()) {
        background = colour.get();
        break;
      }
    }
    return new TextColours(foreground, background);
  }

  /** The winning value of {@code property} ({@code background} covers background-color too). */
  private Optional<String> declared(Element element, int width, String property) {
    Optional<String> inline = Declarations.parse(element.attr("style")).find(property);
    if (inline.isPresent()) {
      return inline;
    }
    return rules.stream()
        .filter(r -> r.appliesAt(width) && r.declarations().find(property).isPresent())
        .filter(r -> r.matches(element))
        .max(Comparator.comparingInt(Rule::specificity).thenComparingInt(Rule::order))
        .flatMap(r -> r.declarations().find(property));
  }

  /** One selector of a style rule, with the media it is in. */
  private record Rule(
      String selector, int specificity, int order, String media, Declarations declarations) {

    boolean appliesAt(int width) {
      return mediaMatches(media, width);
    }

    boolean matches(Element element) {
      if (selector.contains("::") || selector.contains(":hover") || selector.contains(":focus")) {
        return false;
      }
      try {
        return element.is(selector);
      } catch (Selector.SelectorParseException e) {
        return false;
      }
    }
  }

  static boolean mediaMatches(String media, int width) {
    String query = media.toLowerCase(Locale.ROOT);
    if (query.contains("print")) {
      return false;
    }
    Matcher max = MAX_WIDTH.matcher(query);
    if (max.find() && width > Integer.parseInt(max.group(1))) {
      return false;
    }
    Matcher min = MIN_WIDTH.matcher(query);
    return !(min.find() && width < Integer.parseInt(min.group(1)));
  }

  /** CSS specificity folded into one number: ids, then classes, attributes and pseudo-classes. */
  static int specificity(String selector) {
    String s = selector.replaceAll("\\[[^\\]]*\\]", ".attr");
    int ids = count(s, "#[\\w-]+");
    int classes = count(s, "\\.[\\w-]+") + count(s, "(?<!:):[\\w-]+");
    int types = count(s, "(?:^|[\\s>+~(])[a-zA-Z][\\w-]*");
    return ids * 10_000 + classes * 100 + types;
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** A declaration block: property names to values, the last one of a name winning. */
  private record Declarations(Map<String, String> values) {

    static Declarations parse(String block) {
      Map<String, String> values = new LinkedHashMap<>();
      for (String declaration : block.split(";", -1)) {
        int colon = declaration.indexOf(':');
        if (colon > 0) {
          String name = declaration.substring(0, colon).trim().toLowerCase(Locale.ROOT);
          String value = declaration.substring(colon + 1).replace("!important", "").trim();
          values.remove(name);
          values.put(name, value);
        }
      }
      return new Declarations(values);
    }

    Optional<String> find(String property) {
      String winner = null;
      for (Map.Entry<String, String> entry : values.entrySet()) {
        String name = entry.getKey();
        if (name.equals(property)
            || (property.equals("background") && name.equals("background-color"))) {
          winner = entry.getValue();
        }
      }
      return Optional.ofNullable(winner);
    }
  }

  /** Reads rules, and the rules inside {@code @media} blocks, from a style sheet. */
  private static final class Parser {
    private final String css;
    private final List<Rule> rules;
    private int at;

    Parser(String css, List<Rule> rules) {
      this.css = css;
      this.rules = rules;
    }

    /** Reads rules up to the end of the sheet or the {@code }} that closes this block. */
    void block(String media) {
      while (true) {
        int open = css.indexOf('{', at);
        int close = css.indexOf('}', at);
        if (close >= 0 && (open < 0 || close < open)) {
          at = close + 1;
          return;
        }
        if (open < 0) {
          return;
        }
        String prelude = css.substring(at, open).trim();
        int semicolon = prelude.lastIndexOf(';');
        if (semicolon >= 0) {
          prelude = prelude.substring(semicolon + 1).trim(); // after an @charset or @import
        }
        at = open + 1;
        if (prelude.startsWith("@media")) {
          block(prelude.substring("@media".length()).trim());
        } else if (prelude.startsWith("@")) {
          skipBlock();
        } else {
          int end = css.indexOf('}', at);
          Declarations declarations = Declarations.parse(css.substring(at, end));
          at = end + 1;
          for (String selector : prelude.split(",", -1)) {
            String s = selector.trim();
            rules.add(new Rule(s, specificity(s), rules.size(), media, declarations));
          }
        }
      }
    }

    private void skipBlock() {
      int depth = 1;
      while (depth > 0 && at < css.length()) {
        char c = css.charAt(at++);
        if (c == '{') {
          depth++;
        } else if (c == '}') {
          depth--;
        }
      }
    }
  }
}
