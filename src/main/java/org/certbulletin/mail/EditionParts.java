package org.certbulletin.mail;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.Config;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;

/**
 * What a list's message carries besides its bodies: the file name of the attached PDF and, for a
 * CLEAR edition of a site with a public address, the link to the week's page in the archive.
 */
public record EditionParts(String attachmentName, Optional<String> webPage) {

  public EditionParts {
    Objects.requireNonNull(attachmentName, "attachmentName == null");
    Objects.requireNonNull(webPage, "webPage == null");
  }

  /**
   * The parts of week {@code id}'s edition marked {@code tlp} in {@code language}, as {@code
   * config} (the configuration in that language) names them.
   */
  public static EditionParts of(Config config, WeekId id, Tlp tlp, Locale language) {
    String attachment =
        config.issuer().shortName().replaceAll("[^A-Za-z0-9-]", "-")
            + "-"
            + id
            + "-"
            + tlp.code().replace('+', '-')
            + (language.equals(config.mainLanguage()) ? "" : "-" + language.toLanguageTag())
            + ".pdf";
    return new EditionParts(attachment, webPage(config, id, tlp, language));
  }

  /** Only a CLEAR edition links to the public archive: the others are not published there. */
  private static Optional<String> webPage(Config config, WeekId id, Tlp tlp, Locale language) {
    if (tlp != Tlp.CLEAR) {
      return Optional.empty();
    }
    Locale page = config.languages().contains(language) ? language : config.mainLanguage();
    return config
        .site()
        .baseUrl()
        .map(
            base ->
                base
                    + OutputLayout.archivePath(
                        id,
                        OutputLayout.inLanguage(
                            OutputLayout.HTML_FILE, page, config.mainLanguage())));
  }
}
