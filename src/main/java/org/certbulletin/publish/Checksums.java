package org.certbulletin.publish;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** A {@code SHA256SUMS} file in the format {@code sha256sum -c} reads: digest, two spaces, path. */
final class Checksums {

  private final Map<String, String> digests = new TreeMap<>();

  void add(String path, String sha256) {
    digests.put(path, sha256);
  }

  byte[] bytes() {
    StringBuilder text = new StringBuilder();
    digests.forEach((path, digest) -> text.append(digest).append("  ").append(path).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
