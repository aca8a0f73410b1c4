package org.certbulletin.ingest;

import java.nio.charset.StandardCharsets;
import org.certbulletin.files.JsonMapping;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;

/**
 * Writes a data file's JSON tree as the sample's files are laid out (two-space indents, one member
 * or array item a line, {@code "key": value}, a newline at the end), so that a program's change to
 * a hand-edited file shows in a diff as the lines it changed and nothing else.
 */
final class WeekFileFormat {

  private static final ObjectWriter WRITER =
      JsonMapping.mapper()
          .writer()
          .with(
              new DefaultPrettyPrinter(
                      Separators.createDefaultInstance()
                          .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                          .withObjectEmptySeparator("")
                          .withArrayEmptySeparator(""))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                  .withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private WeekFileFormat() {}

  /** {@code tree} as UTF-8 JSON in the sample's layout, ending with a newline. */
  static byte[] write(JsonNode tree) {
    return (WRITER.writeValueAsString(tree) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
