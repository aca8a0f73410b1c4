package org.certbulletin.imports;

import java.net.URI;
import java.util.Objects;

/**
 * A document as read from a file or a server.
 *
 * @param name the file as the user named it, or the address it was read from
 * @param address the absolute address, against which links in the document resolve
 */
@SuppressWarnings("ArrayRecordComponent") // carries bytes to parse and digest; never compared
record Fetched(String name, URI address, byte[] bytes) {

  Fetched {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(address, "address == null");
    Objects.requireNonNull(bytes, "bytes == null");
  }

  boolean remote() {
    return "https".equals(address.getScheme());
  }
}
