package org.certbulletin.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.EmailAddress;
import org.certbulletin.model.Recipient;
import org.certbulletin.model.Subscriber;
import org.certbulletin.store.Database;
import org.certbulletin.store.Subscribers;

/**
 * A list's recipients until {@code Subscriptions.recipients} takes over: the configured addresses
 * and the active subscribers with their choices, less the addresses suspended or unsubscribed.
 */
final class InterimRecipients {

  private InterimRecipients() {}

  static List<Recipient> of(DistributionList list, List<String> configured, Database database) {
    Subscribers subscribers = new Subscribers(database.dataSource());
    Set<String> forgotten = subscribers.suppressions(list.name());
    Set<String> excluded = new HashSet<>();
    for (Subscriber s :
        subscribers.list(
            Optional.of(list.name()),
            Set.of(Subscriber.Status.SUSPENDED, Subscriber.Status.UNSUBSCRIBED))) {
      excluded.add(s.address());
    }
    Map<String, Recipient> recipients = new LinkedHashMap<>();
    for (String address : configured) {
      String normal = EmailAddress.normalise(address);
      if (!excluded.contains(normal) && !forgotten.contains(Subscribers.digest(normal))) {
        recipients.putIfAbsent(normal, Recipient.of(address));
      }
    }
    for (Subscriber s :
        subscribers.list(Optional.of(list.name()), Set.of(Subscriber.Status.ACTIVE))) {
      Recipient chosen = new Recipient(s.address(), s.language(), s.format(), s.preferences());
      Recipient named = recipients.get(s.address());
      recipients.put(
          s.address(),
          named == null
              ? chosen
              : new Recipient(named.address(), s.language(), s.format(), s.preferences()));
    }
    return new ArrayList<>(recipients.values());
  }
}
