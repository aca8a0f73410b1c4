package org.certbulletin.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.certbulletin.testing.SampleWorkspace;

/** Points the sample configuration at a test SMTP server and sizes its lists. */
final class MailFixture {

  private MailFixture() {}

  /**
   * Adds SMTP settings for a plain local server on {@code port}, fast retries and no rate limit to
   * speak of.
   */
  static void smtp(SampleWorkspace sample, int port) throws IOException {
    Path config = sample.data().resolve("config.json");
    String text = Files.readString(config);
    text =
        text.replace(
            "\"operators\": [",
            "\"smtp\": {\"host\": \"127.0.0.1\", \"port\": "
                + port
                + ", \"security\": \"none\", \"from\": \"bulletin@cert.example\", \"timeout\":"
                + " \"PT10S\", \"rate_per_second\": 5000, \"retry_attempts\": 4, \"retry_backoff\":"
                + " \"PT0.05S\"},\n"
                + "  \"operators\": [");
    Files.writeString(config, text);
  }

  /** Writes {@code count} addresses to the public list's file and returns them. */
  static List<String> publicSubscribers(SampleWorkspace sample, int count) throws IOException {
    List<String> addresses = new ArrayList<>();
    StringBuilder file = new StringBuilder("# generated subscribers\n");
    for (int i = 0; i < count; i++) {
      String address = String.format("reader%04d@example.org", i);
      addresses.add(address);
      file.append(address).append('\n');
    }
    Files.writeString(sample.data().resolve("lists/public.txt"), file.toString());
    return addresses;
  }
}
