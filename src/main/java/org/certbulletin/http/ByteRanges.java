package org.certbulletin.http;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a request for a whole file or, with {@code Range: bytes=...}, one part of it (RFC 9110
 * section 14): a 206 with {@code Content-Range}, or a 416 when the range lies outside. A range that
 * is not one simple byte range, or an {@code If-Range} that names another version, gets the whole
 * file, as the RFC allows.
 */
final class ByteRanges {

  private static final Pattern ONE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  private ByteRanges() {}

  static void send(Context ctx, byte[] bytes, String mediaType, String etag) {
    ctx.header("Accept-Ranges", "bytes");
    ctx.contentType(mediaType);
    String range = ctx.header("Range");
    String ifRange = ctx.header("If-Range");
    Matcher matcher =
        range == null ? null : ONE_RANGE.matcher(range.strip().toLowerCase(Locale.ROOT));
    if (matcher == null
        || !matcher.matches()
        || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())
        || (ifRange != null && !ifRange.equals(etag))) {
      ctx.result(bytes);
      return;
    }
    long length = bytes.length;
    long first;
    long last;
    try {
      if (matcher.group(1).isEmpty()) {
        long suffix = Long.parseLong(matcher.group(2));
        first = Math.max(0, length - suffix);
        last = length - 1;
      } else {
        first = Long.parseLong(matcher.group(1));
        last = matcher.group(2).isEmpty() ? length - 1 : Long.parseLong(matcher.group(2));
      }
    } catch (NumberFormatException e) {
      ctx.result(bytes); // digits too many for a long: not a range of this file
      return;
    }
    if (first >= length || last < first) {
      ctx.header("Content-Range", "bytes */" + length);
      ProblemResponse.send(
          ctx,
          416,
          "range-not-satisfiable",
          "Range not satisfiable",
          "the edition has " + length + " bytes; ask for a range within them");
      return;
    }
    last = Math.min(last, length - 1);
    ctx.status(206);
    ctx.header("Content-Range", "bytes " + first + "-" + last + "/" + length);
    ctx.result(Arrays.copyOfRange(bytes, (int) first, (int) last + 1));
  }
}
