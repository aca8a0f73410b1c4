package org.certbulletin.imports;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Tells the addresses of a CERT's own network (and of the machine itself) from the internet's:
 * loopback, link-local, private (RFC 1918), unique-local (fc00::/7), shared (CGNAT, 100.64/10),
 * unspecified, multicast, broadcast and reserved ranges, also when an IPv6 address carries one of
 * them (IPv4-mapped, IPv4-compatible, NAT64).
 */
final class InternalAddresses {

  private InternalAddresses() {}

  /** Why {@code address} is not on the internet (like "loopback"), or empty if it is. */
  static Optional<String> kind(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      return kind6(v6.getAddress());
    }
    return kind4(address.getAddress());
  }

  private static Optional<String> kind4(byte[] a) {
    int first = a[0] & 0xff;
    int second = a[1] & 0xff;
    if (first == 0) {
      return Optional.of(
          a[1] == 0 && a[2] == 0 && a[3] == 0 ? "unspecified" : "this network (0.0.0.0/8)");
    }
    if (first == 127) {
      return Optional.of("loopback");
    }
    if (first == 10
        || (first == 172 && second >= 16 && second <= 31)
        || (first == 192 && second == 168)) {
      return Optional.of("private (RFC 1918)");
    }
    if (first == 100 && second >= 64 && second <= 127) {
      return Optional.of("shared address space (CGNAT, 100.64.0.0/10)");
    }
    if (first == 169 && second == 254) {
      return Optional.of("link-local");
    }
    if (first == 192 && second == 0 && (a[2] & 0xff) == 0) {
      return Optional.of("IETF protocol assignments (192.0.0.0/24)");
    }
    if (first == 198 && (second == 18 || second == 19)) {
      return Optional.of("benchmarking (198.18.0.0/15)");
    }
    if (first >= 224 && first <= 239) {
      return Optional.of("multicast");
    }
    if (first >= 240) {
      return Optional.of(first == 255 && second == 255 ? "broadcast" : "reserved (240.0.0.0/4)");
    }
    return Optional.empty();
  }

  private static Optional<String> kind6(byte[] a) {
    if (zero(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
      return kind4(tail(a)).map(kind -> kind + ", as an IPv4-mapped IPv6 address");
    }
    if (zero(a, 0, 12)) {
      if (zero(a, 12, 16)) {
        return Optional.of("unspecified");
      }
      if (zero(a, 12, 15) && a[15] == 1) {
        return Optional.of("loopback");
      }
      return kind4(tail(a))
          .or(() -> Optional.of("public"))
          .map(kind -> kind + ", as an IPv4-compatible IPv6 address (deprecated)");
    }
    if (a[0] == 0
        && (a[1] & 0xff) == 0x64
        && (a[2] & 0xff) == 0xff
        && (a[3] & 0xff) == 0x9b
        && zero(a, 4, 12)) {
      return kind4(tail(a)).map(kind -> kind + ", through NAT64 (64:ff9b::/96)");
    }
    int first = a[0] & 0xff;
    if ((first & 0xfe) == 0xfc) {
      return Optional.of("unique-local (fc00::/7)");
    }
    if (first == 0xfe && (a[1] & 0xc0) == 0x80) {
      return Optional.of("link-local");
    }
    if (first == 0xfe && (a[1] & 0xc0) == 0xc0) {
      return Optional.of("site-local (fec0::/10, deprecated)");
    }
    if (first == 0xff) {
      return Optional.of("multicast");
    }
    return Optional.empty();
  }

  private static boolean zero(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] tail(byte[] a) {
    return new byte[] {a[12], a[13], a[14], a[15]};
  }

  /** The address as it is written, without a reverse lookup. */
  static String text(InetAddress address) {
    return address.getHostAddress();
  }

  /** The IP address {@code host} writes, if it is a literal (no DNS is asked). */
  static Optional<InetAddress> literal(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (!bare.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(bare));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
