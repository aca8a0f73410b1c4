package org.certbulletin.mail;

import java.util.Optional;

/**
 * A message that names its own envelope sender (SMTP {@code MAIL FROM}, the {@code Return-Path} the
 * receiving server writes): a delivery's own bounce address.
 */
interface EnvelopeSender {

  /** The envelope sender; empty: the message's {@code From}. */
  Optional<String> envelopeSender();
}
