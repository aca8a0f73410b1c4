package org.certbulletin.mail;

import java.util.Objects;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Week;
import org.certbulletin.render.MailBodies;

/** A list's edition of one week, rendered once and sent to every recipient of the list. */
@SuppressWarnings(
    "ArrayRecordComponent") // carries bytes to write or embed; never compared or hashed
public record ListEdition(
    DistributionList list, Week edition, MailBodies bodies, byte[] pdf, String attachmentName) {

  public ListEdition {
    Objects.requireNonNull(list, "list == null");
    Objects.requireNonNull(edition, "edition == null");
    Objects.requireNonNull(bodies, "bodies == null");
    Objects.requireNonNull(pdf, "pdf == null");
    Objects.requireNonNull(attachmentName, "attachmentName == null");
  }
}
