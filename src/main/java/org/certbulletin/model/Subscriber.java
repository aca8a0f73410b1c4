package org.certbulletin.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscriber of a distribution list, as the state database keeps it.
 *
 * @param id the row's id
 * @param list the list's name
 * @param address the normalised address ({@link EmailAddress#normalise})
 * @param language the edition chosen (absent: the list's)
 * @param format HTML or text (absent: the list's)
 * @param organisation what a request for a vetted list names
 * @param softBounces soft bounces in a row since the last delivery that did not bounce
 * @param reason why the status is what it is (a bounce's diagnostic, a rejection's reason)
 * @param decidedBy who approved, rejected, suspended or resumed it last
 */
public record Subscriber(
    long id,
    String list,
    String address,
    Status status,
    Origin origin,
    Optional<Locale> language,
    Optional<DistributionList.Format> format,
    Preferences preferences,
    Optional<String> organisation,
    int softBounces,
    Optional<String> reason,
    Optional<String> decidedBy,
    Instant created,
    Optional<Instant> confirmed,
    Instant updated) {

  /** Where a subscriber stands. */
  public enum Status {
    /** Asked to join; the confirmation link was not followed yet. Never mailed but that link. */
    UNCONFIRMED,
    /** Confirmed, for a vetted list: an approver has to decide. */
    AWAITING_APPROVAL,
    /** Mailed. */
    ACTIVE,
    /** Bounced (or put aside by an operator): not mailed until resumed. */
    SUSPENDED,
    /** Left the list: not mailed, even if a recipients file names the address. */
    UNSUBSCRIBED,
    /** An approver said no. */
    REJECTED;

    /** The status as the CLI, the API and the database write it. */
    public String code() {
      return EnumCodes.lowerCase(this).replace('_', '-');
    }

    /** Whether the address is kept from the list's mail whatever else names it. */
    public boolean excludes() {
      return this == SUSPENDED || this == UNSUBSCRIBED;
    }
  }

  /** How the subscriber came to the list. */
  public enum Origin {
    /** Signed up on the server's pages. */
    SIGNUP,
    /** Imported from a list's recipients ({@code subscribers import}). */
    IMPORT,
    /**
     * Named by {@code config.json} or a recipients file, given a row only to hold a status (a
     * bounce suspended it, it unsubscribed).
     */
    CONFIG;

    public String code() {
      return EnumCodes.lowerCase(this);
    }
  }

  public Subscriber {
    Objects.requireNonNull(list, "list == null");
    Objects.requireNonNull(address, "address == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(origin, "origin == null");
    Objects.requireNonNull(language, "language == null");
    Objects.requireNonNull(format, "format == null");
    Objects.requireNonNull(preferences, "preferences == null");
    Objects.requireNonNull(organisation, "organisation == null");
    Objects.requireNonNull(reason, "reason == null");
    Objects.requireNonNull(decidedBy, "decidedBy == null");
    Objects.requireNonNull(created, "created == null");
    Objects.requireNonNull(confirmed, "confirmed == null");
    Objects.requireNonNull(updated, "updated == null");
  }

  @Override
  public String toString() {
    // addresses stay out of logs above debug: a record printed by accident names only its row
    return "Subscriber[" + id + " " + list + " " + status.code() + "]";
  }
}
