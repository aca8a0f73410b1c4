package org.certbulletin.model;

/**
 * Whether a week must be approved before it is published or sent ({@code approval} in {@code
 * config.json}). Without it, a week leaves as it is on disk, as for a CERT of one person.
 *
 * @param required whether only approved weeks are published and sent; true when {@code approval} is
 *     given without it
 * @param distinctApprover whether the approver must be someone other than the week's last editor,
 *     importer and submitter (four eyes); true when {@code approval} is given without it
 */
public record ApprovalSettings(Boolean required, Boolean distinctApprover) {

  /** No approval: today's behaviour, what a configuration without {@code approval} gets. */
  public static final ApprovalSettings NONE = new ApprovalSettings(false, false);

  public ApprovalSettings {
    required = required == null || required;
    distinctApprover = distinctApprover == null || distinctApprover;
  }

  /** Whether only approved weeks are published and sent. */
  public boolean isRequired() {
    return required;
  }

  /** Whether the approver must differ from the last editor and the submitter. */
  public boolean fourEyes() {
    return distinctApprover;
  }
}
