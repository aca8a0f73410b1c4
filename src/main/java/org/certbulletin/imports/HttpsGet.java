package org.certbulletin.imports;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 GET over TLS to an address already checked: the JDK's clients resolve host names
 * themselves, so a name could resolve to one address when checked and to another when connected.
 * Here the socket is opened to the checked address, and TLS verifies the certificate against the
 * host name of the URL.
 */
final class HttpsGet {

  /** The status line and the headers together; real servers send a few kilobytes. */
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  /** An answer: its status, its headers (names in lower case) and its body. */
  record Answer(int status, Map<String, List<String>> headers, InputStream body) {

    Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
  }

  private HttpsGet() {}

  /**
   * Connects {@code plain} to {@code address} (one of {@code uri}'s host's, checked), asks for
   * {@code uri} over TLS and reads the answer's head; the body is left to the caller, who closes it
   * (and the socket with it). Closing {@code plain} from another thread ends a wait.
   *
   * @param connectMillis how long to wait to connect, and then for each read
   */
  static Answer send(SSLContext tls, Socket plain, InetAddress address, URI uri, int connectMillis)
      throws IOException {
    int port = uri.getPort() < 0 ? 443 : uri.getPort();
    String host = HostPolicy.normalised(uri.getHost());
    SSLSocket socket = null;
    try {
      plain.connect(new InetSocketAddress(address, port), connectMillis);
      plain.setSoTimeout(connectMillis);
      socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      if (InternalAddresses.literal(host).isEmpty()) {
        try {
          parameters.setServerNames(List.of(new SNIHostName(host)));
        } catch (IllegalArgumentException e) {
          // not a name SNI can carry: the certificate is still checked against it
        }
      }
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write(request(uri).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      Answer answer = head(in, socket);
      while (answer.status() >= 100 && answer.status() < 200) {
        answer = head(in, socket);
      }
      return answer;
    } catch (IOException | RuntimeException e) {
      (socket != null ? socket : plain).close();
      throw e;
    }
  }

  private static String request(URI uri) {
    URI ascii = URI.create(uri.toASCIIString());
    String path =
        ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
    String query = ascii.getRawQuery() == null ? "" : "?" + ascii.getRawQuery();
    return "GET "
        + path
        + query
        + " HTTP/1.1\r\nHost: "
        + ascii.getRawAuthority()
        + "\r\nAccept: application/json, text/csv, */*\r\nAccept-Encoding: identity\r\n"
        + "User-Agent: cert-bulletin\r\nConnection: close\r\n\r\n";
  }

  private static Answer head(InputStream in, Socket socket) throws IOException {
    int[] budget = {MAX_HEAD_BYTES};
    String status = line(in, budget);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[0-9]{3}")) {
      throw new IOException("not an HTTP/1.x answer: '" + Texts.cut(Texts.line(status), 80) + "'");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = line(in, budget); !line.isEmpty(); line = line(in, budget)) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("a header line without a name: '" + Texts.cut(line, 80) + "'");
      }
      headers
          .computeIfAbsent(
              line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).strip());
    }
    return new Answer(Integer.parseInt(parts[1]), headers, body(in, headers, socket));
  }

  private static Optional<String> first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null ? Optional.empty() : Optional.of(values.get(0));
  }

  private static InputStream body(InputStream in, Map<String, List<String>> headers, Socket socket)
      throws IOException {
    String encoding = first(headers, "content-encoding").orElse("identity");
    if (!encoding.equalsIgnoreCase("identity")) {
      throw new IOException(
          "the server answered with Content-Encoding "
              + Texts.cut(encoding, 40)
              + ", not asked for");
    }
    InputStream body;
    Optional<String> contentLength = first(headers, "content-length");
    if (first(headers, "transfer-encoding")
        .map(t -> t.toLowerCase(Locale.ROOT).endsWith("chunked"))
        .orElse(false)) {
      body = new Chunked(in);
    } else if (contentLength.isPresent()) {
      long length;
      try {
        length = Long.parseLong(contentLength.get());
      } catch (NumberFormatException e) {
        throw new IOException("a Content-Length that is not a number", e);
      }
      if (length < 0) {
        throw new IOException("a negative Content-Length");
      }
      body = new Exactly(in, length);
    } else {
      body = in;
    }
    return new FilterInputStream(body) {
      @Override
      public void close() throws IOException {
        socket.close();
      }
    };
  }

  /** A line of the head, without its CR LF, within what is left of {@code budget}. */
  private static String line(InputStream in, int[] budget) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("the server closed the connection before its answer's end");
      }
      if (--budget[0] < 0) {
        throw new IOException("an answer head longer than " + MAX_HEAD_BYTES + " bytes");
      }
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      line.append((char) c);
    }
  }

  /** A body of exactly {@code length} bytes: one that ends sooner broke off. */
  private static final class Exactly extends FilterInputStream {
    private long left;

    Exactly(InputStream in, long length) {
      super(in);
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left == 0) {
        return -1;
      }
      int n = super.read(buffer, offset, (int) Math.min(length, left));
      if (n < 0) {
        throw new EOFException(left + " bytes short of the Content-Length");
      }
      left -= n;
      return n;
    }
  }

  /** A chunked body, its chunk sizes and trailers taken out. */
  private static final class Chunked extends FilterInputStream {
    private long left;
    private boolean done;

    Chunked(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        left = size();
        if (left == 0) {
          int[] budget = {MAX_HEAD_BYTES};
          while (!line(in, budget).isEmpty()) {
            // a trailer: not used
          }
          done = true;
          return -1;
        }
      }
      int n = in.read(buffer, offset, (int) Math.min(length, left));
      if (n < 0) {
        throw new EOFException("the server closed the connection within a chunk");
      }
      left -= n;
      if (left == 0) {
        int end = in.read();
        if (end == '\r') {
          end = in.read();
        }
        if (end != '\n') {
          throw new IOException("a chunk longer than its size");
        }
      }
      return n;
    }

    private long size() throws IOException {
      int[] budget = {1024};
      String line = line(in, budget);
      int extension = line.indexOf(';');
      String hex = (extension < 0 ? line : line.substring(0, extension)).strip();
      if (!hex.matches("[0-9A-Fa-f]{1,15}")) {
        throw new IOException("a chunk size that is not one: '" + Texts.cut(hex, 20) + "'");
      }
      return Long.parseLong(hex, 16);
    }
  }
}
