package org.certbulletin.service;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.certbulletin.model.Config;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.EmailAddress;
import org.certbulletin.model.Subscriber;
import org.certbulletin.model.Subscriber.Status;
import org.certbulletin.store.Subscribers;

/**
 * What a bounce or an unsubscribe message changes of a list's address: suspended and unsubscribed
 * through {@link Subscriptions} (which gives an address only {@code config.json} names a row to
 * hold its status, and audits the change), soft bounces counted on the subscriber's row.
 */
final class BounceStatuses {

  private final Supplier<Subscriptions> subscriptions;
  private final Subscribers subscribers;
  private final Config config;
  private final String from;

  BounceStatuses(
      Supplier<Subscriptions> subscriptions, Subscribers subscribers, Config config, String from) {
    this.subscriptions = subscriptions;
    this.subscribers = subscribers;
    this.config = config;
    this.from = from;
  }

  /**
   * Suspends {@code address} on {@code list}.
   *
   * @return whether it was mailed until now (false: already suspended, unsubscribed, or the list is
   *     no longer configured)
   */
  boolean suspend(String list, String address, String reason) {
    Optional<DistributionList> configured = config.list(list);
    if (configured.isEmpty() || excluded(list, address)) {
      return false;
    }
    subscriptions
        .get()
        .suspend(configured.get(), address, reason, Subscriptions.BOUNCE_MAILBOX, from);
    return status(list, address).filter(s -> s == Status.SUSPENDED).isPresent();
  }

  /**
   * Unsubscribes {@code address} from {@code list}.
   *
   * @return whether it had not left before (false also when the list is no longer configured)
   */
  boolean unsubscribe(String list, String address, String how) {
    Optional<DistributionList> configured = config.list(list);
    if (configured.isEmpty()
        || status(list, address).filter(s -> s == Status.UNSUBSCRIBED).isPresent()) {
      return false;
    }
    subscriptions
        .get()
        .unsubscribe(configured.get(), address, Subscriptions.BOUNCE_MAILBOX, from, how);
    return true;
  }

  /**
   * Counts a soft bounce of {@code address} on {@code list}, if it has a row.
   *
   * @return its soft bounces in a row now; empty if the address has no row (only a configuration
   *     file names it), for the caller to count in the ledger
   */
  Optional<Integer> softBounce(String list, String address, Instant now) {
    return subscribers
        .find(list, EmailAddress.normalise(address))
        .map(row -> subscribers.softBounce(row.id(), now));
  }

  private boolean excluded(String list, String address) {
    return status(list, address).filter(Status::excludes).isPresent();
  }

  private Optional<Status> status(String list, String address) {
    return subscribers.find(list, EmailAddress.normalise(address)).map(Subscriber::status);
  }
}
