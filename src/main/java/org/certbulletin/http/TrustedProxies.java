package org.certbulletin.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.certbulletin.service.ServiceFailure;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Believes {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and {@code Forwarded} only from the
 * reverse proxies {@code config.json} names ({@code http.trusted_proxies}): behind nginx the
 * client's address (for the audit log and the sign-in limits) and whether it came over TLS (for
 * HSTS) are what the proxy says; a client that connects directly cannot pretend to be someone else.
 */
final class TrustedProxies implements HttpConfiguration.Customizer {

  private final Set<InetAddress> proxies;
  private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

  private TrustedProxies(Set<InetAddress> proxies) {
    this.proxies = Set.copyOf(proxies);
  }

  /**
   * The customizer for {@code addresses}, IP addresses written out (never looked up by name).
   *
   * @throws ServiceFailure.BadInput naming an address that is not one
   */
  static TrustedProxies of(List<String> addresses) {
    Set<InetAddress> proxies = new HashSet<>();
    for (String address : addresses) {
      proxies.add(parse(address));
    }
    return new TrustedProxies(proxies);
  }

  private static InetAddress parse(String address) {
    try {
      if (address.contains(":")) {
        // a literal with a colon is an IPv6 address; InetAddress does not look it up
        return InetAddress.getByName(address);
      }
      String[] parts = address.split("\\.", -1);
      if (parts.length != 4) {
        throw new UnknownHostException(address);
      }
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(parts[i]);
        if (octet < 0 || octet > 255 || parts[i].length() > 3) {
          throw new UnknownHostException(address);
        }
        bytes[i] = (byte) octet;
      }
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new ServiceFailure.BadInput(
          "http.trusted_proxies: '"
              + address
              + "' is not an IP address; write it like 127.0.0.1 or ::1",
          List.of());
    }
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    if (remote instanceof InetSocketAddress socket && proxies.contains(socket.getAddress())) {
      return forwarded.customize(request, responseHeaders);
    }
    return request;
  }
}
