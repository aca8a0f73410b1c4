package org.certbulletin.subscribe;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a delivery status notification (RFC 3464) says of one recipient: what the reporting server
 * did ({@code Action}), the enhanced status code ({@code Status}, RFC 3463), the recipient as it
 * was finally tried and as it was first given, and the server's diagnostic.
 *
 * @param action what happened to the message for this recipient
 * @param status the enhanced status code ({@code 5.1.1}); empty if missing or malformed
 * @param finalRecipient the address tried last ({@code Final-Recipient}), if an RFC 822 address
 * @param originalRecipient the address the sender gave ({@code Original-Recipient}), if any
 * @param diagnostic the remote server's words ({@code Diagnostic-Code}), bounded
 */
public record DeliveryStatus(
    Action action,
    Optional<String> status,
    Optional<String> finalRecipient,
    Optional<String> originalRecipient,
    Optional<String> diagnostic) {

  /** The longest diagnostic kept. */
  static final int MAX_DIAGNOSTIC = 1000;

  private static final Pattern STATUS = Pattern.compile("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");

  /** The {@code Action} field of RFC 3464, section 2.3.3. */
  public enum Action {
    /** Could not be delivered: a bounce. */
    FAILED,
    /** Not delivered yet, still being tried: a warning, not a bounce. */
    DELAYED,
    /** Delivered. */
    DELIVERED,
    /** Handed on to a system that reports no further. */
    RELAYED,
    /** Delivered and forwarded to several addresses (a mailing list). */
    EXPANDED,
    /** Missing, or a word RFC 3464 does not define. */
    UNKNOWN;

    static Action of(String field) {
      if (field == null) {
        return UNKNOWN;
      }
      // an action may carry a comment: "failed (bad destination mailbox address)"
      String word = field.strip().split("[\\s(]", 2)[0].toLowerCase(Locale.ROOT);
      for (Action action : values()) {
        if (action != UNKNOWN && action.name().toLowerCase(Locale.ROOT).equals(word)) {
          return action;
        }
      }
      return UNKNOWN;
    }
  }

  /** What a status means for the address. */
  public enum Severity {
    /** Failed for good (5.x.x): the address is dead. */
    HARD,
    /** Failed for now (4.x.x, given up after retrying): counts towards the soft limit. */
    SOFT,
    /** Not a bounce (delayed, relayed, delivered, expanded). */
    NONE
  }

  public DeliveryStatus {
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(finalRecipient, "finalRecipient == null");
    Objects.requireNonNull(originalRecipient, "originalRecipient == null");
    Objects.requireNonNull(diagnostic, "diagnostic == null");
  }

  /**
   * Whether this recipient bounced, and how: a failure with a 5.x.x status is hard; a failure with
   * a 4.x.x status (a server that gave up retrying a full mailbox) or with no readable status is
   * soft, so that one doubtful report never suspends an address.
   */
  public Severity severity() {
    if (action != Action.FAILED) {
      return Severity.NONE;
    }
    return status.filter(s -> s.startsWith("5.")).isPresent() ? Severity.HARD : Severity.SOFT;
  }

  /** The address that bounced: the final recipient, else the original one. */
  public Optional<String> recipient() {
    return finalRecipient.or(() -> originalRecipient);
  }

  /** The enhanced status code in {@code field}, if it is one ({@code 5.1.1 (comment)}). */
  static Optional<String> status(String field) {
    if (field == null) {
      return Optional.empty();
    }
    String code = field.strip().split("[\\s(]", 2)[0];
    return STATUS.matcher(code).matches() ? Optional.of(code) : Optional.empty();
  }

  @Override
  public String toString() {
    // the recipient stays out: a status printed by accident names no address
    return "DeliveryStatus["
        + action.name().toLowerCase(Locale.ROOT)
        + " "
        + status.orElse("-")
        + "]";
  }
}
