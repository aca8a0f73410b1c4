package org.certbulletin.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.OpenPgpSettings;
import org.certbulletin.pgp.Certificate;
import org.certbulletin.pgp.KeyFiles;
import org.certbulletin.pgp.Keyring;

/**
 * The files {@code config.json} names in the data folder: the lists' recipients files, the key the
 * CERT signs with and the lists' keyrings.
 */
final class ConfiguredFiles {

  private final DataFolder folder;

  ConfiguredFiles(DataFolder folder) {
    this.folder = folder;
  }

  /**
   * The recipients of {@code list}, checked and without duplicates; {@code pointer} is where {@code
   * config} gives them.
   *
   * @throws InvalidDataException naming every bad address by file and line
   */
  List<String> recipients(DistributionList list, SourceDocument config, String pointer) {
    return RecipientsReader.read(list, folder.root(), config, pointer);
  }

  /**
   * The certificate the CERT signs with, read from the key file {@code openpgp.public_key} of
   * {@code config} names; empty when the configuration does not sign.
   *
   * @throws InvalidDataException if the key file cannot be read or does not hold exactly one
   *     certificate
   */
  Optional<Certificate> signingCertificate(SourceDocument config) {
    Optional<OpenPgpSettings> settings =
        DataMapper.config(config.root(), DataMapper.languages(config.root()).get(0)).openpgp();
    if (settings.isEmpty()) {
      return Optional.empty();
    }
    String file = settings.get().publicKey();
    List<Certificate> certificates = keyFile(file, KeyFiles.MAX_KEY_BYTES, "openpgp.public_key");
    if (certificates.size() != 1) {
      throw InvalidDataException.of(
          folder.root().resolve(file).normalize().toString(),
          "holds "
              + certificates.size()
              + " keys; openpgp.public_key must hold only the key the CERT signs with");
    }
    return Optional.of(certificates.get(0));
  }

  /**
   * The recipients' keys of {@code list}, from the keyring file its {@code keyring} member names,
   * trusting self-signatures dated up to {@code clockSkew} ahead (asked only when there is a
   * keyring); empty when it has none.
   *
   * @throws InvalidDataException naming the file and what to do
   */
  Optional<Keyring> keyring(DistributionList list, Supplier<Duration> clockSkew) {
    return list.keyring()
        .map(
            file ->
                new Keyring(
                    keyFile(
                        file,
                        KeyFiles.MAX_KEYRING_BYTES,
                        "the keyring of list " + list.name() + " in config.json"),
                    folder.root().resolve(file).normalize().toString(),
                    clockSkew.get()));
  }

  /**
   * The certificates in the key file {@code relative} names, which configuration member {@code
   * setting} names, at most {@code maxBytes} long.
   *
   * @throws InvalidDataException naming the file and what to do
   */
  private List<Certificate> keyFile(String relative, long maxBytes, String setting) {
    byte[] bytes = DataFolderFile.read(folder.root(), relative, maxBytes, setting);
    return KeyFiles.parse(bytes, folder.root().resolve(relative).normalize().toString());
  }
}
