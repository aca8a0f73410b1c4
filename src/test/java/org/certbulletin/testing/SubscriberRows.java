package org.certbulletin.testing;

import java.time.Instant;
import java.util.Optional;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.Subscriber;
import org.certbulletin.store.Database;
import org.certbulletin.store.Subscribers;

/**
 * Puts subscribers straight into a sample workspace's state database: a request awaiting approval
 * or a suspended address, as sign-up and bounces would leave them, for the tests of the doors that
 * decide them (the invitation mail and the bounce mailbox are not their point).
 */
public final class SubscriberRows {

  private static final Instant WHEN = Instant.parse("2024-12-23T08:00:00Z");

  private SubscriberRows() {}

  /** A confirmed request of {@code organisation} to join {@code list}; returns its id. */
  public static long awaiting(SampleWorkspace sample, String list, String address, String org) {
    return add(
        sample,
        new Subscriber(
            0,
            list,
            address,
            Subscriber.Status.AWAITING_APPROVAL,
            Subscriber.Origin.SIGNUP,
            Optional.empty(),
            Optional.empty(),
            new Preferences(java.util.List.of("energy"), java.util.List.of("siemens")),
            Optional.of(org),
            0,
            Optional.empty(),
            Optional.empty(),
            WHEN,
            Optional.of(WHEN),
            WHEN));
  }

  /** An address of {@code list} a bounce suspended, with {@code reason}; returns its id. */
  public static long suspended(SampleWorkspace sample, String list, String address, String reason) {
    return add(
        sample,
        new Subscriber(
            0,
            list,
            address,
            Subscriber.Status.SUSPENDED,
            Subscriber.Origin.IMPORT,
            Optional.empty(),
            Optional.empty(),
            Preferences.EVERYTHING,
            Optional.empty(),
            0,
            Optional.of(reason),
            Optional.of("(bounce mailbox)"),
            WHEN,
            Optional.of(WHEN),
            WHEN));
  }

  private static long add(SampleWorkspace sample, Subscriber subscriber) {
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      return new Subscribers(database.dataSource()).add(subscriber).orElseThrow().id();
    }
  }
}
