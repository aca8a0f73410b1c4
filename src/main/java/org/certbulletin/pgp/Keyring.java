package org.certbulletin.pgp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The recipients' certificates of a distribution list, read from its keyring file, found by email
 * address: a certificate belongs to an address when one of its user ids carries it (the local part
 * as written, the domain in any case).
 */
public final class Keyring {

  private final List<Certificate> certificates;
  private final String file;

  /** The certificates read from {@code file}, named in messages. */
  public Keyring(List<Certificate> certificates, String file) {
    this.certificates = List.copyOf(certificates);
    this.file = Objects.requireNonNull(file, "file == null");
  }

  /** The key file, as messages name it. */
  public String file() {
    return file;
  }

  /** What the keyring holds for {@code address} at {@code now}. */
  public Lookup lookup(String address, Instant now) {
    List<Certificate> usable = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Certificate certificate : certificates) {
      if (certificate.addresses().stream().noneMatch(a -> sameAddress(a, address))) {
        continue;
      }
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
  static boolean sameAddress(String a, String b) {
    int at = a.lastIndexOf('@');
    int bt = b.lastIndexOf('@');
    return at > 0
        && bt > 0
        && a.substring(0, at).equals(b.substring(0, bt))
        && a.substring(at + 1)
            .toLowerCase(Locale.ROOT)
            .equals(b.substring(bt + 1).toLowerCase(Locale.ROOT));
  }
}
