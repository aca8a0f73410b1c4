package org.certbulletin.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.certbulletin.testing.SampleWorkspace;

/** Points the sample configuration at a test SMTP server and sizes its lists. */
final class MailFixture {

  private MailFixture() {}

  /** Writes {@code count} addresses to the public list's file and returns them. */
  static List<String> publicSubscribers(SampleWorkspace sample, int count) throws IOException {
    List<String> addresses = new ArrayList<>();
    StringBuilder file = new StringBuilder("# generated subscribers\n");
    for (int i = 0; i < count; i++) {
      String address = String.format(java.util.Locale.ROOT, "reader%04d@example.org", i);
      addresses.add(address);
      file.append(address).append('\n');
    }
    Files.writeString(sample.data().resolve("lists/public.txt"), file.toString());
    return addresses;
  }
}
