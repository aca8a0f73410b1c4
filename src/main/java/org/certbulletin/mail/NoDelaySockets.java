package org.certbulletin.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * A socket factory that turns Nagle's algorithm off. An SMTP client writes a small command (the
 * final "." of a message) right after a large one, and with Nagle on it waits for the server's
 * delayed acknowledgement: about 40 ms per message, which caps a send at some 20 messages a second.
 *
 * <p>One factory serves every security setting, plain, STARTTLS and TLS. Angus Mail asks a plain
 * factory only for an unconnected socket ({@code createSocket()}), connects it and, for TLS or
 * STARTTLS, layers an {@code SSLSocket} over it with the default {@code SSLSocketFactory}; the
 * layered socket shares the TCP connection, so it keeps TCP_NODELAY. (Given an {@code
 * SSLSocketFactory} instead, Angus would open the TCP socket itself and use the factory only to
 * layer TLS.)
 */
final class NoDelaySockets extends SocketFactory {

  private final SocketFactory delegate;

  NoDelaySockets(SocketFactory delegate) {
    this.delegate = delegate;
  }

  /** No-delay sockets from the platform's default factory. */
  static NoDelaySockets create() {
    return new NoDelaySockets(SocketFactory.getDefault());
  }

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(delegate.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress local, int localPort)
      throws IOException {
    return noDelay(delegate.createSocket(host, port, local, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
      throws IOException {
    return noDelay(delegate.createSocket(host, port, local, localPort));
  }

  private static Socket noDelay(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }
}
