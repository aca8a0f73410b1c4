package org.certbulletin.model;

import java.util.Locale;

/** Where a week's bulletin stands on its way out. */
public enum ReviewState {
  /** Being written: never submitted, sent back, or edited since it was submitted or approved. */
  DRAFT,
  /** Submitted for review: its content is frozen until a reviewer approves or rejects it. */
  IN_REVIEW,
  /** Approved: what is published and sent is exactly the content approved. */
  APPROVED,
  /** Published, as its first version. */
  PUBLISHED,
  /** Published, and corrected since: a later version is published. */
  CORRECTED;

  /** How the API, the audit log and {@code status} name it: {@code in_review}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
