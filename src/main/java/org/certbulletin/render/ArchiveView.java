package org.certbulletin.render;

import java.util.List;
import java.util.Map;
import org.certbulletin.render.BulletinView.IssuerView;
import org.certbulletin.render.BulletinView.TlpView;

/** What the archive index template sees: the published bulletins, newest first. */
public record ArchiveView(
    String lang,
    String title,
    IssuerView issuer,
    String countLine,
    String clearMeaning,
    List<EntryView> entries,
    String feed,
    List<BulletinView.TranslationView> translations,
    Map<String, String> msg) {

  /** {@code rtl} for a language written right to left, else {@code ltr}: the page's direction. */
  public String dir() {
    return Messages.direction(lang);
  }

  /**
   * One published bulletin in the index.
   *
   * @param corrected when a correction replaced the first version, for readers; null if none did
   */
  public record EntryView(
      String weekId,
      String issueLine,
      String totalLine,
      TlpView tlp,
      boolean sample,
      String period,
      String published,
      String publishedIso,
      String incidents,
      String crossBorder,
      String breaches,
      String advisories,
      String exploited,
      String html,
      String pdf,
      String pdfSize,
      String json,
      String corrected,
      String correctedIso) {}
}
