package org.certbulletin.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.certbulletin.pgp.SigningKey;
import org.pgpainless.PGPainless;

/**
 * OpenPGP keys made for the mail benchmark, at its start: the CERT's signing key (in the
 * environment, as an operator sets it) and, for the encrypted run, one key per recipient in the
 * list's keyring.
 */
final class MailKeys {

  private MailKeys() {}

  /**
   * Makes a signing key, publishes its certificate in {@code data} and configures {@code openpgp}
   * there.
   *
   * @return the environment that holds the secret key
   */
  static Map<String, String> signing(Path data) throws IOException {
    PGPSecretKeyRing key =
        PGPainless.generateKeyRing().modernKeyRing("SN-CERT Bulletin <bulletin@cert.example>");
    Files.createDirectories(data.resolve("keys"));
    Files.writeString(
        data.resolve("keys/signing-key.asc"),
        PGPainless.asciiArmor(PGPainless.extractCertificate(key)),
        StandardCharsets.US_ASCII);
    ConfigFile.edit(
        data, config -> config.putObject("openpgp").put("public_key", "keys/signing-key.asc"));
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put(SigningKey.KEY_VARIABLE, PGPainless.asciiArmor(key));
    environment.remove(SigningKey.KEY_FILE_VARIABLE);
    environment.remove(SigningKey.PASSPHRASE_VARIABLE);
    return environment;
  }

  /** Makes a key for each of {@code recipients} and has the public list require encryption. */
  static void encryptTo(Path data, List<String> recipients) throws IOException {
    ByteArrayOutputStream keyring = new ByteArrayOutputStream();
    for (String recipient : recipients) {
      PGPSecretKeyRing key = PGPainless.generateKeyRing().modernKeyRing(recipient);
      keyring.writeBytes(PGPainless.extractCertificate(key).getEncoded());
    }
    Files.write(data.resolve("keys/public.gpg"), keyring.toByteArray());
    ConfigFile.edit(
        data,
        config ->
            ConfigFile.list(config, "public")
                .put("encrypt", "required")
                .put("keyring", "keys/public.gpg"));
  }
}
