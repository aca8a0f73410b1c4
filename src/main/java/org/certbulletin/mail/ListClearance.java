package org.certbulletin.mail;

import org.certbulletin.model.DistributionList;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;

/** The TLP gate of a list: a list is never sent a bulletin marked above its clearance. */
public final class ListClearance {

  private ListClearance() {}

  /**
   * Refuses to send week {@code id}, marked {@code tlp}, to {@code list} when the list is not
   * cleared for it.
   *
   * @param where the week's file, named in the refusal
   * @throws InvalidDataException if the bulletin is marked above the list's clearance
   */
  public static void check(DistributionList list, WeekId id, Tlp tlp, String where) {
    if (!list.clearance().permits(tlp)) {
      throw InvalidDataException.of(
          where,
          "refusing to send "
              + id
              + " to list '"
              + list.name()
              + "': the bulletin is marked "
              + tlp.label()
              + ", above the list's clearance "
              + list.clearance().label()
              + "; send it to a list cleared for it");
    }
  }
}
