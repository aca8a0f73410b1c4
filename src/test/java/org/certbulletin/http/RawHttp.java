package org.certbulletin.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.certbulletin.testing.Patience;

/**
 * HTTP/1.1 spoken byte by byte over a plain socket, for what the JDK's client refuses to send:
 * malformed paths, lying lengths, huge or broken headers, bodies sent in chunks.
 */
final class RawHttp {

  /** A response as it came over the wire; {@code status} 0 if the server closed without one. */
  record Response(int status, List<String> headers, String body) {

    Optional<String> header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream()
          .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(h -> h.substring(prefix.length()).strip())
          .findFirst();
    }

    @Override
    public String toString() {
      return status + " " + headers + "\n" + body;
    }
  }

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  /** Sends {@code head} (request line and headers, CRLF-terminated each) and reads the answer. */
  Response exchange(String head) throws IOException {
    return exchange(head.getBytes(StandardCharsets.UTF_8), new byte[0]);
  }

  /**
   * Sends {@code head} then {@code body} as they are, half-closes nothing, and reads one response
   * (up to its length, or to the end of the connection). A connection the server closes or resets
   * without a word is a response of status 0.
   */
  Response exchange(byte[] head, byte[] body) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout((int) Patience.stretched(Duration.ofSeconds(20)).toMillis());
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head);
        out.write(body);
        out.flush();
      } catch (SocketException e) {
        // the server may answer and close before it has read all we meant to send
      }
      return read(socket.getInputStream());
    }
  }

  /** Reads one response: status line, headers, and a body by length, by chunks or to the end. */
  static Response read(InputStream in) throws IOException {
    String statusLine;
    try {
      statusLine = line(in);
    } catch (SocketException e) {
      return new Response(0, List.of(), "");
    }
    if (statusLine == null) {
      return new Response(0, List.of(), "");
    }
    int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
    List<String> headers = new ArrayList<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      headers.add(line);
    }
    Response head = new Response(status, headers, "");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Optional<String> length = head.header("Content-Length");
    if (status == 204 || status == 304) {
      return head;
    } else if (length.isPresent()) {
      body.write(in.readNBytes(Integer.parseInt(length.get())));
    } else if (head.header("Transfer-Encoding").filter(t -> t.contains("chunked")).isPresent()) {
      for (int size = Integer.parseInt(line(in).strip(), 16);
          size > 0;
          size = Integer.parseInt(line(in).strip(), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
    } else {
      try {
        in.transferTo(body);
      } catch (SocketException e) {
        // a reset after the response: what came is the body
      }
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  /** One line without its CRLF; null at the end of the stream before any byte. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
