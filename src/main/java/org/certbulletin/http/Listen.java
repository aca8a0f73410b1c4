package org.certbulletin.http;

/**
 * Where the server listens: {@code 127.0.0.1:8080} by default, so that nothing outside the machine
 * reaches it unless the operator says so (or a reverse proxy on the machine forwards to it).
 */
public record Listen(String host, int port) {

  public static final Listen DEFAULT = new Listen("127.0.0.1", 8080);

  public Listen {
    if (host.isBlank()) {
      throw new IllegalArgumentException("the host to listen on is empty");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
    }
  }

  /**
   * Parses {@code HOST:PORT} ({@code 127.0.0.1:8080}, {@code [::1]:8080}; port 0 picks a free one).
   *
   * @throws IllegalArgumentException saying what is expected
   */
  public static Listen parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException(
          "'" + text + "' is not HOST:PORT; write it like 127.0.0.1:8080");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text.substring(colon + 1) + "' is not a port number; write it like 127.0.0.1:8080",
          e);
    }
    return new Listen(host, port);
  }

  /** The address as a URL's authority: {@code 127.0.0.1:8080}, {@code [::1]:8080}. */
  public String authority(int actualPort) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + actualPort;
  }
}
