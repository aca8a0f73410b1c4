package org.certbulletin.cli;

import java.util.Locale;
import org.certbulletin.model.Format;
import org.certbulletin.model.Printable;
import picocli.CommandLine;

/** One of {@code build --format}'s formats: {@code html} or {@code pdf}, in any case. */
final class FormatConverter implements CommandLine.ITypeConverter<Format> {

  @Override
  public Format convert(String value) {
    String name = value.strip().toUpperCase(Locale.ROOT);
    for (Format format : Format.values()) {
      if (format.name().equals(name)) {
        return format;
      }
    }
    throw new CommandLine.TypeConversionException(
        "unknown format '" + Printable.of(value.strip(), 40) + "' (use html, pdf or html,pdf)");
  }
}
