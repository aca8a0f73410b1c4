package org.certbulletin.pgp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.jspecify.annotations.Nullable;
import org.pgpainless.encryption_signing.EncryptionOptions;

/**
 * The recipients' certificates of a distribution list, read from its keyring file, found by email
 * address: a certificate belongs to an address when one of its user ids carries it (the local part
 * as written, the domain in any case). A certificate that cannot be used (weak, broken, from a
 * clock far ahead) leaves its address without a usable key, with the reason; the others are not
 * affected.
 */
public final class Keyring {

  private final Map<String, List<Certificate>> byAddress = new HashMap<>();
  private final String file;
  private final Duration clockSkew;

  /**
   * The certificates read from {@code file}, named in messages, judged with {@code clockSkew} (see
   * {@link Certificate#state}).
   */
  public Keyring(List<Certificate> certificates, String file, Duration clockSkew) {
    this.file = Objects.requireNonNull(file, "file == null");
    this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew == null");
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

  /**
   * What the keyring holds for {@code address} at {@code now}: the certificates that can be
   * encrypted to, with the options that do it ready, and why the others cannot.
   */
  public Lookup lookup(String address, Instant now) {
    List<Certificate> usable = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    EncryptionOptions encryption = EncryptionOptions.encryptCommunications();
    for (Certificate certificate : byAddress.getOrDefault(key(address), List.of())) {
      KeyEvaluation evaluation = certificate.evaluate(now, clockSkew);
      Optional<String> problem = evaluation.state.problem(KeyUse.ENCRYPT, now);
      if (problem.isEmpty()) {
        problem = addRecipient(encryption, certificate, evaluation);
      }
      if (problem.isPresent()) {
        problems.add(problem.get());
      } else {
        usable.add(certificate);
      }
    }
    return new Lookup(address, file, usable, problems, usable.isEmpty() ? null : encryption);
  }

  /**
   * Adds {@code certificate} to {@code options}: the subkeys judged usable, at the moment they were
   * judged at, so the library cannot judge differently. Should it still refuse, that is the
   * certificate's problem, not a failure of the send.
   */
  private static Optional<String> addRecipient(
      EncryptionOptions options, Certificate certificate, KeyEvaluation evaluation) {
    Set<Long> chosen = new HashSet<>();
    for (PGPPublicKey key : evaluation.encryptionKeys) {
      chosen.add(key.getKeyID());
    }
    try {
      options.setEvaluationDate(Date.from(evaluation.at));
      EncryptionOptions.EncryptionKeySelector judged =
          candidates ->
              candidates.stream()
                  .filter(k -> chosen.contains(k.getKeyID()))
                  .map(PGPPublicKey.class::cast)
                  .toList();
      options.addRecipient(certificate.keys(), judged);
      return Optional.empty();
    } catch (Exception e) {
      return Optional.of(
          "key "
              + certificate.fingerprint()
              + " cannot be encrypted to ("
              + KeyFiles.reason(e)
              + "); its owner must make a new key");
    }
  }

  /** The keys found for one address. */
  public static final class Lookup {

    private final String address;
    private final String file;
    private final List<Certificate> usable;
    private final List<String> problems;
    private final @Nullable EncryptionOptions encryption;

    private Lookup(
        String address,
        String file,
        List<Certificate> usable,
        List<String> problems,
        @Nullable EncryptionOptions encryption) {
      this.address = address;
      this.file = file;
      this.usable = List.copyOf(usable);
      this.problems = List.copyOf(problems);
      this.encryption = encryption;
    }

    public String address() {
      return address;
    }

    public String file() {
      return file;
    }

    /** The certificates to encrypt to (all of them, when several carry the address). */
    public List<Certificate> usable() {
      return usable;
    }

    /** Why each certificate carrying the address cannot be used (expired, revoked, weak...). */
    public List<String> problems() {
      return problems;
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

    /**
     * Options that encrypt a message to every {@link #usable()} certificate, made when the keys
     * were looked up: for the message to this address.
     *
     * @throws IllegalStateException if there is no usable certificate
     */
    public EncryptionOptions encryption() {
      if (encryption == null) {
        throw new IllegalStateException("no usable key for " + address);
      }
      return encryption;
    }
  }

  /** Local parts compare as written (RFC 5321 2.4), domains without regard to case. */
  private static String key(String address) {
    int at = address.lastIndexOf('@');
    return address.substring(0, at + 1) + address.substring(at + 1).toLowerCase(Locale.ROOT);
  }
}
