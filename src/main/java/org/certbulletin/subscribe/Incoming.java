package org.certbulletin.subscribe;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.certbulletin.model.BounceSettings;

/**
 * What a message of the bounce mailbox asks for, judged by the address it came to alone: a bounce
 * of one delivery, a request to unsubscribe the recipient of one delivery, something to ignore, or
 * a message that claims a delivery with a tag that does not match (forged). Whether the delivery
 * exists and the report's recipient is its recipient is for the caller, who has the ledger.
 */
public sealed interface Incoming {

  /**
   * A delivery status notification about delivery {@code delivery}, with a failure.
   *
   * @param failures the report's failed recipients (one, usually: each message has one recipient)
   * @param originalMessageId the Message-ID of the message the report is about, if it says
   */
  record Bounce(long delivery, List<DeliveryStatus> failures, Optional<String> originalMessageId)
      implements Incoming {

    public Bounce {
      failures = List.copyOf(failures);
      Objects.requireNonNull(originalMessageId, "originalMessageId == null");
    }
  }

  /** A message to the {@code List-Unsubscribe} address of delivery {@code delivery} (RFC 8058). */
  record Unsubscribe(long delivery) implements Incoming {}

  /** Nothing to do, and why (a delay warning, an out-of-office reply, a stray message). */
  record Ignored(String reason) implements Incoming {}

  /**
   * A message to an address of the bounce mailbox whose tag does not match the delivery it names:
   * crafted, or altered on the way. Refused and audited.
   */
  record Forged(String reason) implements Incoming {}

  /** What {@code message} asks for, read with {@code returnPath}. */
  static Incoming of(BounceMessage message, ReturnPath returnPath, BounceSettings settings) {
    Optional<ReturnPath.Tagged> tagged =
        message.addressedTo().stream().map(returnPath::read).flatMap(Optional::stream).findFirst();
    boolean claimsDelivery = message.addressedTo().stream().anyMatch(tagPattern(settings));
    if (message.deliveryReport()) {
      List<DeliveryStatus> failures =
          message.statuses().stream()
              .filter(s -> s.severity() != DeliveryStatus.Severity.NONE)
              .toList();
      if (failures.isEmpty()) {
        return new Ignored(
            message.statuses().isEmpty()
                ? "a delivery report that names no recipient"
                : "a delivery report of no failure ("
                    + message.statuses().stream()
                        .map(s -> s.action().name().toLowerCase(Locale.ROOT))
                        .distinct()
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("")
                    + "): not a bounce");
      }
      if (tagged.isPresent() && tagged.get().kind() == ReturnPath.Kind.BOUNCE) {
        return new Bounce(tagged.get().delivery(), failures, message.originalMessageId());
      }
      if (tagged.isPresent()) {
        return new Forged("a delivery report sent to an unsubscribe address, not a return path");
      }
      return claimsDelivery
          ? new Forged("a delivery report to a return path whose tag does not match its delivery")
          : new Ignored("a delivery report that came to no delivery's return path");
    }
    if (message.automatic().isPresent()) {
      return new Ignored(message.automatic().get());
    }
    if (tagged.isPresent() && tagged.get().kind() == ReturnPath.Kind.UNSUBSCRIBE) {
      return new Unsubscribe(tagged.get().delivery());
    }
    if (tagged.isPresent()) {
      return new Ignored("a message to a return path that is not a delivery report");
    }
    return claimsDelivery
        ? new Forged("a message to an address of the bounce mailbox whose tag does not match")
        : new Ignored("neither a delivery report nor a message to an unsubscribe address");
  }

  /** Addresses of the form the bounce mailbox's tagged addresses take, whatever their tag. */
  private static java.util.function.Predicate<String> tagPattern(BounceSettings settings) {
    Pattern pattern =
        Pattern.compile(
            Pattern.quote(settings.localPart().toLowerCase(Locale.ROOT))
                + "\\+[du][0-9]{1,18}\\.[0-9a-z]{1,64}@"
                + Pattern.quote(settings.domain().toLowerCase(Locale.ROOT)));
    return address -> pattern.matcher(address.toLowerCase(Locale.ROOT)).matches();
  }
}
