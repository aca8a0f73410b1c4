package org.certbulletin.testing;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** WCAG 2 relative luminance and contrast ratio of sRGB colours written as CSS hex colours. */
public final class Contrast {

  /** WCAG AA for normal text; large text (at least 18.66px bold or 24px) needs 3:1. */
  public static final double AA_NORMAL = 4.5;

  private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\\b");

  private Contrast() {}

  /** The first hex colour in a CSS value such as {@code #8b1a1a} or {@code 1pt solid #fff}. */
  public static Optional<String> hexIn(String cssValue) {
    Matcher m = HEX.matcher(cssValue);
    if (!m.find()) {
      return Optional.empty();
    }
    String hex = m.group(1).toLowerCase(Locale.ROOT);
    if (hex.length() == 3) {
      hex = hex.replaceAll("(.)", "$1$1");
    }
    return Optional.of("#" + hex);
  }

  /** The contrast ratio of two colours, from 1 (same) to 21 (black on white). */
  public static double ratio(String foreground, String background) {
    double a = luminance(foreground);
    double b = luminance(background);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }

  /** WCAG 2's relative luminance of a {@code #rrggbb} colour. */
  static double luminance(String hex) {
    String six =
        hexIn(hex).orElseThrow(() -> new IllegalArgumentException("not a hex colour: " + hex));
    int rgb = Integer.parseInt(six.substring(1), 16);
    return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
  }

  private static double channel(int value) {
    double c = (value & 0xff) / 255.0;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
