package org.certbulletin.pgp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The recipients' certificates of a distribution list, read from its keyring file, found by email
 * address: a certificate belongs to an address when one of its user ids carries it (the local part
 * as written, the domain in any case).
 */
public final class Keyring {

  private final Map<String, List<Certificate>> byAddress = new HashMap<>();
  private final String file;

  /** The certificates read from {@code file}, named in messages. */
  public Keyring(List<Certificate> certificates, String file) {
    this.file = Objects.requireNonNull(file, "file == null");
    for (Certificate certificate : certificates) {
      for (String address : certificate.addresses()) {
        List<Certificate> keys = byAddress.computeIfAbsent(key(address), k -> new ArrayList<>());
        if (!keys.contains(certificate)) {
          keys.add(certificate);
        }
      }
    }
  }

  /** The key file, as messages name it. */
  public String file() {
    return file;
  }

  /** What the keyring holds for {@code address} at {@code now}. */
  public Lookup lookup(String address, Instant now) {
    List<Certificate> usable = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Certificate certificate : byAddress.getOrDefault(key(address), List.of())) {
      Optional<String> problem = certificate.state(now).problem(KeyUse.ENCRYPT, now);
      if (problem.isPresent()) {
        problems.add(problem.get());
      } else {
        usable.add(certificate);
      }
    }
    return new Lookup(address, file, usable, problems);
  }

  /**
   * The keys found for one address.
   *
   * @param usable the certificates to encrypt to (all of them, when several carry the address)
   * @param problems why each certificate carrying the address cannot be used (expired, revoked)
   */
  public record Lookup(
      String address, String file, List<Certificate> usable, List<String> problems) {

    public Lookup {
      usable = List.copyOf(usable);
      problems = List.copyOf(problems);
    }

    /** Why the address has no usable key, when it has none: for reports and logs. */
    public Optional<String> problem() {
      if (!usable.isEmpty()) {
        return Optional.empty();
      }
      if (problems.isEmpty()) {
        return Optional.of(file + " holds no key for " + address);
      }
      return Optional.of(
          file + ": the key of " + address + " cannot encrypt: " + String.join("; ", problems));
    }
  }

  /** Local parts compare as written (RFC 5321 2.4), domains without regard to case. */
  private static String key(String address) {
    int at = address.lastIndexOf('@');
    return address.substring(0, at + 1) + address.substring(at + 1).toLowerCase(Locale.ROOT);
  }
}
