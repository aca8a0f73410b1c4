package org.certbulletin.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.Config;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Location;
import org.certbulletin.model.Problem;
import org.certbulletin.pgp.Certificate;
import org.certbulletin.pgp.KeyState;
import org.certbulletin.pgp.KeyUse;
import org.certbulletin.pgp.Keyring;
import org.certbulletin.pgp.SigningKey;

/**
 * The OpenPGP keys a send will need, checked before it needs them: the CERT's own (expired,
 * revoked, refused as too weak or as dated too far ahead of this machine's clock, or expiring
 * within {@link KeyState#EXPIRY_WARNING}) and, for each list that encrypts, each recipient's.
 * {@code validate} reports the errors; {@code status} shows errors and warnings.
 */
public final class KeyCheck {

  /**
   * One thing found.
   *
   * @param error true when a send would fail on it (our key) or hold a recipient of a list that
   *     requires encryption because its key cannot be used
   */
  public record Finding(boolean error, String file, String pointer, String message) {

    /** As {@code validate} reports it. */
    public Problem problem() {
      return new Problem(file, Location.START, pointer, message);
    }

    @Override
    public String toString() {
      return (error ? "ERROR " : "warning ") + file + ": " + message;
    }
  }

  private KeyCheck() {}

  /** What is wrong or soon will be with the keys {@code config} names, at {@code now}. */
  public static List<Finding> check(DataDirectory data, Config config, Instant now) {
    List<Finding> findings = new ArrayList<>();
    if (config.openpgp().isEmpty()) {
      return findings;
    }
    String ourFile = data.root().resolve(config.openpgp().get().publicKey()).normalize().toString();
    Optional<Certificate> ours;
    try {
      ours = data.signingCertificate();
    } catch (InvalidDataException e) {
      e.problems()
          .forEach(p -> findings.add(new Finding(true, p.file(), p.pointer(), p.message())));
      return findings;
    }
    Duration skew = config.openpgp().get().clockSkew();
    if (ours.isPresent()) {
      KeyState state = ours.get().state(now, skew);
      state
          .problem(KeyUse.SIGN, now)
          .ifPresent(
              problem ->
                  findings.add(
                      new Finding(
                          true,
                          ourFile,
                          "/openpgp/public_key",
                          "the CERT's signing key cannot sign: "
                              + problem
                              + "; nothing can be signed or sent until it is fixed (publish the"
                              + " fixed or new public key here and set its secret key in "
                              + SigningKey.KEY_VARIABLE
                              + ")")));
      state
          .expiresSoon(now, KeyState.EXPIRY_WARNING)
          .ifPresent(
              soon ->
                  findings.add(
                      new Finding(
                          false, ourFile, "/openpgp/public_key", "the CERT's signing " + soon)));
    }
    for (int i = 0; i < config.lists().size(); i++) {
      DistributionList list = config.lists().get(i);
      if (list.encrypt() != DistributionList.Encryption.NEVER && list.keyring().isPresent()) {
        checkList(data, list, "/lists/" + i + "/keyring", now, findings);
      }
    }
    return findings;
  }

  private static void checkList(
      DataDirectory data, DistributionList list, String pointer, Instant now, List<Finding> out) {
    String file = data.root().resolve(list.keyring().get()).normalize().toString();
    Keyring keyring;
    List<String> recipients;
    try {
      keyring = data.keyring(list).orElseThrow();
      recipients = data.recipients(list);
    } catch (InvalidDataException e) {
      e.problems().forEach(p -> out.add(new Finding(true, p.file(), p.pointer(), p.message())));
      return;
    }
    boolean required = list.encrypt() == DistributionList.Encryption.REQUIRED;
    for (String recipient : recipients) {
      Keyring.Lookup keys = keyring.lookup(recipient, now);
      if (!keys.usable().isEmpty()) {
        continue;
      }
      String problem = keys.problem().orElseThrow();
      boolean unusable = !keys.problems().isEmpty();
      if (required) {
        out.add(
            new Finding(
                unusable,
                file,
                pointer,
                "list '"
                    + list.name()
                    + "' requires encryption: "
                    + problem
                    + "; "
                    + recipient
                    + " is not sent the bulletin until a current key is added (ask them for"
                    + " it: gpg --export --armor "
                    + recipient
                    + ")"));
      } else if (unusable) {
        out.add(
            new Finding(
                false,
                file,
                pointer,
                "list '"
                    + list.name()
                    + "': "
                    + problem
                    + "; "
                    + recipient
                    + " is sent signed mail, not encrypted, until a current key is added"));
      }
    }
  }
}
