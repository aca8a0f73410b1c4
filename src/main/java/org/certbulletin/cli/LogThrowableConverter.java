package org.certbulletin.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import org.certbulletin.model.PrintableMessage;

/**
 * A logged stack trace ({@code %safeEx} in {@link ConsoleLogging}) with each line after its indent
 * as {@link PrintableMessage#of} shows it: an exception's message may quote the data.
 */
public final class LogThrowableConverter extends ThrowableProxyConverter {

  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    String trace = super.throwableProxyToString(proxy);
    StringBuilder out = new StringBuilder(trace.length());
    int start = 0;
    while (start < trace.length()) {
      int end = trace.indexOf('\n', start);
      end = end < 0 ? trace.length() : end;
      int text = start;
      while (text < end && trace.charAt(text) == '\t') {
        text++;
      }
      int cr = end > text && trace.charAt(end - 1) == '\r' ? end - 1 : end;
      out.append(trace, start, text).append(PrintableMessage.of(trace.substring(text, cr)));
      out.append(trace, cr, Math.min(end + 1, trace.length()));
      start = end + 1;
    }
    return out.toString();
  }
}
