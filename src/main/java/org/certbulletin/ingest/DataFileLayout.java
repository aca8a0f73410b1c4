package org.certbulletin.ingest;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The layout of the data files analysts edit, as the sample's week files are written: two spaces
 * per level, each member and each array element on a line of its own, {@code "key": value}, empty
 * arrays and objects as {@code []} and {@code {}}, a newline at the end, UTF-8 text unescaped.
 */
final class DataFileLayout {

  private static final DefaultIndenter LINES = new DefaultIndenter("  ", "\n");

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private DataFileLayout() {}

  /** {@code tree} as the bytes of a data file. */
  static byte[] write(JsonNode tree) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withArrayIndenter(LINES)
            .withObjectIndenter(LINES);
    return (MAPPER.writer().with(printer).writeValueAsString(tree) + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
