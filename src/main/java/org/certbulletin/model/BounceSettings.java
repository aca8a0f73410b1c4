package org.certbulletin.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where bounces come back and what they do. Each message is sent with a {@code Return-Path} of its
 * own ({@code bounces+d123.tag@cert.example}), so a bounce names the delivery it answers; the
 * {@code mailto:} of {@code List-Unsubscribe} is an address of the same mailbox.
 *
 * @param address the bounce mailbox's address; its local part is extended per message
 * @param softLimit soft bounces in a row after which an address is suspended (absent: 3)
 * @param imap where {@code run} (and {@code bounces --imap}) reads the mailbox; absent when
 *     messages are piped to {@code cert-bulletin bounces}
 */
public record BounceSettings(String address, int softLimit, Optional<Imap> imap) {

  public static final int DEFAULT_SOFT_LIMIT = 3;

  /**
   * An IMAP mailbox. The password comes from {@code CERT_BULLETIN_IMAP_PASSWORD}.
   *
   * @param host the server
   * @param port absent: 993
   * @param user the account
   * @param folder absent: INBOX
   * @param tls absent: true (implicit TLS); false only for a server on this machine
   * @param every how often {@code run} reads it (absent: 5 minutes)
   */
  public record Imap(
      String host, int port, String user, String folder, Boolean tls, Duration every) {

    public Imap {
      Objects.requireNonNull(host, "host == null");
      port = port == 0 ? 993 : port;
      Objects.requireNonNull(user, "user == null");
      folder = folder == null ? "INBOX" : folder;
      tls = tls == null ? Boolean.TRUE : tls;
      every = every == null ? Duration.ofMinutes(5) : every;
    }
  }

  public BounceSettings {
    Objects.requireNonNull(address, "address == null");
    EmailAddress.problem(address)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("bounces.address: " + p);
            });
    softLimit = softLimit == 0 ? DEFAULT_SOFT_LIMIT : softLimit;
    if (softLimit < 1) {
      throw new IllegalArgumentException("bounces.soft_limit < 1: " + softLimit);
    }
    imap = imap == null ? Optional.empty() : imap;
  }

  /** The local part of {@link #address}. */
  public String localPart() {
    return address.substring(0, address.lastIndexOf('@'));
  }

  /** The domain of {@link #address}. */
  public String domain() {
    return address.substring(address.lastIndexOf('@') + 1);
  }
}
