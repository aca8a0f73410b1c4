package org.certbulletin.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.certbulletin.model.Advisory;
import org.certbulletin.model.Bulletin;

/**
 * Makes the {@link MailView} of one reader's email edition: the whole edition's advisories and
 * highlights, or those of a subscriber's choice in full and the others by title under a line that
 * says so.
 */
final class MailViews {

  private MailViews() {}

  static MailView create(
      Bulletin bulletin,
      BulletinView view,
      Messages messages,
      String attachment,
      Optional<String> webUrl,
      Optional<String> unsubscribe,
      Optional<String> manage,
      MailChoice choice) {
    // the view lists the advisories in this order, so a position names the same one in both
    List<Advisory> sorted = bulletin.week().advisories().stream().sorted(Summary.order()).toList();
    List<BulletinView.AdvisoryView> items = view.advisories().items();
    List<BulletinView.AdvisoryView> full = new ArrayList<>();
    List<BulletinView.AdvisoryView> outside = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      (choice.full(sorted.get(i).id()) ? full : outside).add(items.get(i));
    }
    List<BulletinView.HighlightView> highlights = new ArrayList<>();
    List<BulletinView.HighlightView> outsideHighlights = new ArrayList<>();
    for (int i = 0; i < view.highlights().size(); i++) {
      (choice.fullHighlight(i) ? highlights : outsideHighlights).add(view.highlights().get(i));
    }
    return new MailView(
        messages.format("mail.attachment", attachment),
        webUrl.orElse(null),
        messages.get("mail.web"),
        unsubscribe.map(u -> messages.format("mail.unsubscribe", u)).orElse(null),
        manage
            .map(
                url ->
                    messages.formatOr(
                        "mail.manage",
                        "See, change, export or delete your subscription data, or leave the"
                            + " list: {0}",
                        url))
            .orElse(null),
        highlights,
        full,
        full.stream().filter(BulletinView.AdvisoryView::exploited).toList(),
        outsideNote(messages, choice, outside.size(), outsideHighlights.size()),
        messages.getOr("mail.choice.title", "Outside your choice"),
        outsideHighlights,
        outside);
  }

  /** The line above what is outside the choice: how much, and what was chosen; null for none. */
  private static String outsideNote(
      Messages messages, MailChoice choice, int advisories, int highlights) {
    if (advisories + highlights == 0) {
      return null;
    }
    String advisoryCount =
        messages.formatOr(
            "mail.choice.advisories",
            "{0,choice,1#one advisory|1<{0,number,integer} advisories}",
            advisories);
    String highlightCount =
        messages.formatOr(
            "mail.choice.highlights",
            "{0,choice,1#one incident highlight|1<{0,number,integer} incident highlights}",
            highlights);
    String counted =
        advisories == 0
            ? highlightCount
            : highlights == 0
                ? advisoryCount
                : messages.formatOr(
                    "mail.choice.both", "{0} and {1}", advisoryCount, highlightCount);
    return messages.formatOr(
        "mail.choice.outside",
        "{0} outside your choice ({1}) {2,choice,1#is|1<are} listed below by title; the attached"
            + " bulletin has {2,choice,1#it|1<them} in full.",
        counted,
        String.join(messages.get("list.separator"), choice.names()),
        advisories + highlights);
  }
}
