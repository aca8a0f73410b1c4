package org.certbulletin.mail;

import java.util.Objects;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Week;
import org.certbulletin.render.MailBodies;

/**
 * A list's edition of one week, rendered once and sent to every recipient of the list.
 *
 * @param version which version of the week it is: a correction (2 and later) is a new message to a
 *     reader who has the version before, so its Message-IDs differ from that version's
 */
@SuppressWarnings("ArrayRecordComponent") // bytes to write or embed; never compared or hashed
public record ListEdition(
    DistributionList list,
    Week edition,
    MailBodies bodies,
    byte[] pdf,
    String attachmentName,
    int version) {

  public ListEdition {
    Objects.requireNonNull(list, "list == null");
    Objects.requireNonNull(edition, "edition == null");
    Objects.requireNonNull(bodies, "bodies == null");
    Objects.requireNonNull(pdf, "pdf == null");
    Objects.requireNonNull(attachmentName, "attachmentName == null");
    if (version < 1) {
      throw new IllegalArgumentException("a version number starts at 1: " + version);
    }
  }

  /** The first version of the week's edition. */
  public ListEdition(
      DistributionList list, Week edition, MailBodies bodies, byte[] pdf, String attachmentName) {
    this(list, edition, bodies, pdf, attachmentName, 1);
  }
}
