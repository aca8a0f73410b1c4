package org.certbulletin.render;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The font families an edition draws its text in, each list in the order a character is looked up
 * in it.
 *
 * @param text the edition's text
 * @param code advisory ids and CVE ids (in Chinese the text's face, so a line keeps one face)
 * @param mono what must stay monospaced in every edition (a key's fingerprint)
 * @param latin what is always written in Latin letters (the TLP label)
 */
record FontStacks(List<String> text, List<String> code, List<String> mono, List<String> latin) {

  private static final Set<String> GENERIC = Set.of("serif", "sans-serif", "monospace");

  FontStacks {
    text = List.copyOf(text);
    code = List.copyOf(code);
    mono = List.copyOf(mono);
    latin = List.copyOf(latin);
  }

  /** The distinct stacks. */
  List<List<String>> all() {
    return Stream.of(text, code, mono, latin).distinct().toList();
  }

  /** {@code stack} as a CSS font-family value: {@code "Liberation Sans", Arial, sans-serif}. */
  static String css(List<String> stack) {
    return stack.stream()
        .map(f -> GENERIC.contains(f) || f.matches("[A-Za-z-]+") ? f : "\"" + f + "\"")
        .collect(Collectors.joining(", "));
  }
}
