package org.certbulletin.service;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.Subscriber;
import org.certbulletin.model.Subscriber.Status;
import org.certbulletin.store.Subscribers;

/**
 * What a bounce or an unsubscribe message changes of a list's address, on the subscribers of the
 * state database. An address that only {@code config.json} or a recipients file names is given a
 * row of origin {@code config} to hold its status.
 */
final class BounceStatuses {

  private static final Set<Status> MAILED = EnumSet.of(Status.ACTIVE);

  private static final Set<Status> NOT_LEFT =
      EnumSet.of(Status.UNCONFIRMED, Status.AWAITING_APPROVAL, Status.ACTIVE, Status.SUSPENDED);

  private final Subscribers subscribers;

  BounceStatuses(Subscribers subscribers) {
    this.subscribers = subscribers;
  }

  /**
   * Suspends {@code address} on {@code list}.
   *
   * @return whether it was mailed until now (false: already suspended, unsubscribed, ...)
   */
  boolean suspend(String list, String address, String reason, String by, Instant now) {
    Optional<Subscriber> row = subscribers.find(list, address);
    if (row.isPresent()) {
      return subscribers.move(row.get().id(), MAILED, Status.SUSPENDED, reason, by, now);
    }
    return subscribers.add(configRow(list, address, Status.SUSPENDED, reason, by, now)).isPresent();
  }

  /**
   * Unsubscribes {@code address} from {@code list}.
   *
   * @return whether it had not left before
   */
  boolean unsubscribe(String list, String address, String via, Instant now) {
    Optional<Subscriber> row = subscribers.find(list, address);
    if (row.isPresent()) {
      return subscribers.move(row.get().id(), NOT_LEFT, Status.UNSUBSCRIBED, via, null, now);
    }
    return subscribers
        .add(configRow(list, address, Status.UNSUBSCRIBED, via, null, now))
        .isPresent();
  }

  /**
   * Counts a soft bounce of {@code address} on {@code list}, if it has a row.
   *
   * @return its soft bounces in a row now; empty if the address has no row (only a configuration
   *     file names it), for the caller to count in the ledger
   */
  Optional<Integer> softBounce(String list, String address, Instant now) {
    return subscribers.find(list, address).map(row -> subscribers.softBounce(row.id(), now));
  }

  private static Subscriber configRow(
      String list, String address, Status status, String reason, String by, Instant now) {
    return new Subscriber(
        0,
        list,
        address,
        status,
        Subscriber.Origin.CONFIG,
        Optional.empty(),
        Optional.empty(),
        Preferences.EVERYTHING,
        Optional.empty(),
        0,
        Optional.ofNullable(reason),
        Optional.ofNullable(by),
        now,
        Optional.of(now),
        now);
  }
}
