package org.certbulletin.render;

import java.util.List;

/**
 * What the mail templates see besides the bulletin: the note on the attached PDF, the web address
 * of a public edition, how to unsubscribe and manage a subscription, and what this reader gets in
 * full. Absent values are {@code null}.
 *
 * @param manage the line that links to the subscriber's page (see, change, export or delete)
 * @param highlights the highlights shown in full: all of them, unless the reader chose
 * @param advisories the advisories shown in full, in the edition's order
 * @param exploited those of {@code advisories} known to be exploited
 * @param outsideNote the line above the advisories and highlights outside the reader's choice; null
 *     when nothing is outside it
 * @param outsideTitle the heading of that short list
 * @param outsideHighlights the highlights outside the choice, by title
 * @param outsideAdvisories the advisories outside the choice, by id and title
 */
public record MailView(
    String attachmentNote,
    String webUrl,
    String webNote,
    String unsubscribe,
    String manage,
    List<BulletinView.HighlightView> highlights,
    List<BulletinView.AdvisoryView> advisories,
    List<BulletinView.AdvisoryView> exploited,
    String outsideNote,
    String outsideTitle,
    List<BulletinView.HighlightView> outsideHighlights,
    List<BulletinView.AdvisoryView> outsideAdvisories) {

  public MailView {
    highlights = List.copyOf(highlights);
    advisories = List.copyOf(advisories);
    exploited = List.copyOf(exploited);
    outsideHighlights = List.copyOf(outsideHighlights);
    outsideAdvisories = List.copyOf(outsideAdvisories);
  }
}
