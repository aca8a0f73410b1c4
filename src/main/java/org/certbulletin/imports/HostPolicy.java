package org.certbulletin.imports;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which servers an import may connect to: a host's addresses are resolved once, every one is
 * checked, and only checked addresses are connected to (so a name that resolves elsewhere the
 * second time gains nothing). An address of the CERT's own network or of the machine itself is
 * refused unless the operator allows that host by name.
 */
final class HostPolicy {

  private final Set<String> allowed;

  HostPolicy(Collection<String> allowed) {
    this.allowed = new TreeSet<>();
    allowed.forEach(host -> this.allowed.add(normalised(host)));
  }

  /** A host name as compared: lower case, without IPv6 brackets or a trailing dot. */
  static String normalised(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  boolean allows(String host) {
    return allowed.contains(normalised(host));
  }

  /**
   * The addresses to connect to for {@code uri}, each checked.
   *
   * @throws ImportException if the host does not resolve, or one of its addresses is internal and
   *     the host is not allowed
   */
  List<InetAddress> addresses(URI uri) {
    String host = uri.getHost();
    String bare = normalised(host);
    InetAddress[] resolved;
    try {
      resolved = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      throw new ImportException(Urls.shown(uri) + ": cannot resolve the host " + bare);
    }
    List<InetAddress> addresses = new ArrayList<>(List.of(resolved));
    if (allows(bare)) {
      return addresses;
    }
    for (InetAddress address : addresses) {
      Optional<String> kind = InternalAddresses.kind(address);
      if (kind.isPresent()) {
        throw new ImportException(
            Urls.shown(uri)
                + ": "
                + (InternalAddresses.literal(bare).isPresent()
                    ? "the address " + InternalAddresses.text(address)
                    : bare + " resolves to " + InternalAddresses.text(address))
                + ", which is "
                + kind.get()
                + ": imports do not reach into the CERT's own network; refused. If this server is"
                + " meant, allow it: --allow-host "
                + bare
                + " (or \"imports\": {\"allow_hosts\": [\""
                + bare
                + "\"]} in config.json)");
      }
    }
    return addresses;
  }
}
