package org.certbulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.WeekId;

/**
 * Writes a list's edition to an outbox folder, one {@code .eml} file per recipient, instead of
 * sending it: the dry run, and the send without SMTP settings. Nothing is recorded in the ledger.
 */
public final class OutboxDelivery {

  private final Path folder;
  private final OutboxLimit limit;
  private final BooleanSupplier stopRequested;

  public OutboxDelivery(Path folder, OutboxLimit limit, BooleanSupplier stopRequested) {
    this.folder = folder;
    this.limit = limit;
    this.stopRequested = stopRequested;
  }

  /**
   * Writes one message per recipient, built by {@code messages} in the outbox's session, after
   * clearing the files of an earlier run. Stopped on request (SIGTERM), it keeps the files written
   * so far and reports the recipients not written as {@link DeliveryReport#deferred()} with the
   * reason {@link ListDelivery#STOPPED}: the outbox is then incomplete. A recipient without a key
   * for a list that encrypts is not written either.
   *
   * @throws InvalidDataException if the messages would take more than the limit: nothing is written
   *     then, and the earlier outbox is left as it was
   */
  public DeliveryReport deliver(
      ListEdition edition, Function<Session, MessageFactory> messages, List<String> recipients)
      throws IOException {
    WeekId id = edition.edition().id();
    Map<String, String> notWritten = new LinkedHashMap<>();
    try (OutboxSender sender = new OutboxSender(folder)) {
      MessageFactory factory = messages.apply(sender.session());
      if (!limit.force() && !recipients.isEmpty()) {
        limit.check(folder, factory.build(recipients.get(0)), recipients.size());
      }
      sender.clear();
      boolean stopped = false;
      for (String recipient : recipients) {
        // SIGTERM or Ctrl-C: stop writing, keep what is written, report the rest as not written
        stopped = stopped || stopRequested.getAsBoolean();
        if (stopped) {
          notWritten.put(recipient, ListDelivery.STOPPED);
          continue;
        }
        try {
          sender.send(factory.build(recipient));
        } catch (RecipientKeyMissing e) {
          notWritten.put(recipient, e.getMessage());
        }
      }
    } catch (MessagingException e) {
      throw new IOException("cannot write the outbox " + folder + ": " + e.getMessage(), e);
    }
    return new DeliveryReport(
        id,
        edition.list().name(),
        edition.edition().tlp(),
        recipients.size(),
        0,
        0,
        Map.of(),
        notWritten,
        List.of(),
        Optional.of(folder));
  }
}
