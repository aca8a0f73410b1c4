package org.certbulletin.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.Subscriber;
import org.certbulletin.store.Database;
import org.certbulletin.store.Subscribers;
import org.certbulletin.testing.SampleWorkspace;

/** Points the sample configuration at a test SMTP server and sizes its lists. */
final class MailFixture {

  private MailFixture() {}

  /** Writes {@code count} addresses to the public list's file and returns them. */
  static List<String> publicSubscribers(SampleWorkspace sample, int count) throws IOException {
    List<String> addresses = new ArrayList<>();
    StringBuilder file = new StringBuilder("# generated subscribers\n");
    for (int i = 0; i < count; i++) {
      String address = String.format(Locale.ROOT, "reader%04d@example.org", i);
      addresses.add(address);
      file.append(address).append('\n');
    }
    Files.writeString(sample.data().resolve("lists/public.txt"), file.toString());
    return addresses;
  }

  /**
   * Adds {@code count} active subscribers of the public list to the state database, each with one
   * of {@code choices} in turn, and returns their addresses.
   */
  static List<String> choosingSubscribers(
      SampleWorkspace sample, int count, List<Preferences> choices) {
    List<String> addresses = new ArrayList<>();
    Instant now = Instant.now();
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      Subscribers subscribers = new Subscribers(database.dataSource());
      for (int i = 0; i < count; i++) {
        String address = String.format(Locale.ROOT, "chooser%04d@example.org", i);
        addresses.add(address);
        Optional<Subscriber> added =
            subscribers.add(
                new Subscriber(
                    0,
                    "public",
                    address,
                    Subscriber.Status.ACTIVE,
                    Subscriber.Origin.SIGNUP,
                    Optional.empty(),
                    Optional.empty(),
                    choices.get(i % choices.size()),
                    Optional.empty(),
                    0,
                    Optional.empty(),
                    Optional.empty(),
                    now,
                    Optional.of(now),
                    now));
        if (added.isEmpty()) {
          throw new IllegalStateException(address + " is already a subscriber");
        }
      }
    }
    return addresses;
  }
}
