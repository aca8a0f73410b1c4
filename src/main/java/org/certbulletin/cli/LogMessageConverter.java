package org.certbulletin.cli;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.certbulletin.model.PrintableMessage;

/**
 * A log line's message as {@link PrintableMessage#of} shows it ({@code %safeMsg} in {@link
 * ConsoleLogging}): a log line that quotes the data stays one line and reads as written.
 */
public final class LogMessageConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return PrintableMessage.of(super.convert(event));
  }
}
