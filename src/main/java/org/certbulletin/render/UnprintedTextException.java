package org.certbulletin.render;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An edition's PDF would have drawn characters as '#': no font of their font stack has them. Each
 * is named with the text around it, so that the place it comes from can be found.
 */
public final class UnprintedTextException extends RenderException {

  private static final long serialVersionUID = 1L;

  /** A character of the edition no font draws, and the text around its first place in it. */
  public record Unprinted(int codePoint, String context) {

    /** "character U+1F9A0 (MICROBE) cannot be printed in the zh-CN edition: ...". */
    public String problem(String edition) {
      return "character "
          + PrintableText.describe(codePoint)
          + " cannot be printed in the "
          + edition
          + " edition: no font of its font stack has it, so its PDF would show '#'";
    }
  }

  /**
   * "characters U+0E43 (...), U+0E1A (...) cannot be printed in the en edition: ...", or the one
   * character's {@link Unprinted#problem}.
   */
  public static String problem(List<Unprinted> characters, String edition) {
    if (characters.size() == 1) {
      return characters.get(0).problem(edition);
    }
    return "characters "
        + characters.stream()
            .map(c -> PrintableText.describe(c.codePoint()))
            .collect(Collectors.joining(", "))
        + " cannot be printed in the "
        + edition
        + " edition: no font of its font stack has them, so its PDF would show '#'";
  }

  private final String edition;
  private final transient List<Unprinted> characters;

  UnprintedTextException(String edition, List<Unprinted> characters) {
    super(
        characters.stream()
            .map(c -> c.problem(edition) + " (near '" + c.context() + "')")
            .collect(Collectors.joining("; ")));
    this.edition = edition;
    this.characters = List.copyOf(characters);
  }

  /** The edition's language tag, e.g. {@code zh-CN}. */
  public String edition() {
    return edition;
  }

  public List<Unprinted> characters() {
    return characters;
  }
}
