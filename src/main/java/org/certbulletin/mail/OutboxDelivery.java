package org.certbulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    String language = edition.list().languageOr(Locale.ROOT);
    return deliver(List.of(new EditionGroup(language, edition, messages, recipients)));
  }

  /** Writes as above, each group of recipients the messages of its own edition. */
  public DeliveryReport deliver(List<EditionGroup> groups) throws IOException {
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("no edition to write");
    }
    ListEdition edition = groups.get(0).edition();
    WeekId id = edition.edition().id();
    Map<String, String> notWritten = new LinkedHashMap<>();
    int count = 0;
    try (OutboxSender sender = new OutboxSender(folder)) {
      List<MessageFactory> factories = new ArrayList<>();
      for (EditionGroup group : groups) {
        factories.add(group.messages().apply(sender.session()));
        count += group.recipients().size();
      }
      if (!limit.force()) {
        for (int g = 0; g < groups.size(); g++) {
          if (!groups.get(g).recipients().isEmpty()) {
            limit.check(folder, factories.get(g).build(groups.get(g).recipients().get(0)), count);
            break;
          }
        }
      }
      sender.clear();
      boolean stopped = false;
      for (int g = 0; g < groups.size(); g++) {
        MessageFactory factory = factories.get(g);
        for (String recipient : groups.get(g).recipients()) {
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
      }
    } catch (MessagingException e) {
      throw new IOException("cannot write the outbox " + folder + ": " + e.getMessage(), e);
    }
    return new DeliveryReport(
        id,
        edition.list().name(),
        edition.edition().tlp(),
        count,
        0,
        0,
        Map.of(),
        notWritten,
        List.of(),
        Optional.of(folder));
  }
}
