package org.certbulletin.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.pgpainless.PGPainless;
import org.pgpainless.decryption_verification.ConsumerOptions;
import org.pgpainless.decryption_verification.DecryptionStream;
import org.pgpainless.decryption_verification.MessageMetadata;

/**
 * Checks OpenPGP signatures as a reader would: with GnuPG ({@code gpg}, Debian's gnupg) in a
 * keyring of its own when the machine has it, else with PGPainless's verifier. Either way the
 * answer is the fingerprint of the key that made a good signature, or a failure with gpg's words.
 */
public final class Gpg {

  private final Path home;
  private final List<String> options;

  /** A keyring in {@code folder} (a test's temporary folder) that trusts nothing yet. */
  public Gpg(Path folder) {
    try {
      this.home = Files.createDirectories(folder.resolve("gnupg"));
      Files.setPosixFilePermissions(
          home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    this.options = List.of();
  }

  private Gpg(Path home, List<String> options) {
    this.home = home;
    this.options = List.copyOf(options);
  }

  /**
   * The same keyring with gpg's clock stopped at {@code time} ({@code --faked-system-time}): what
   * it makes is dated then, as on a machine whose clock is off, and what it checks is checked then.
   */
  public Gpg at(Instant time) {
    return new Gpg(home, List.of("--faked-system-time", time.getEpochSecond() + "!"));
  }

  /**
   * Makes a key as an operator does ({@code gpg --quick-gen-key USER_ID ALGORITHM USAGE EXPIRE},
   * for example {@code rsa1024 default never} or {@code future-default default 2y}), protected by
   * {@link PgpKeys#PASSPHRASE}.
   *
   * @return its fingerprint
   */
  public String generateKey(String userId, String algorithm, String usage, String expire) {
    String status =
        run(
            unlocked(
                "--status-fd", "1", "--yes", "--quick-gen-key", userId, algorithm, usage, expire));
    for (String line : status.split("\n", -1)) {
      if (line.startsWith("[GNUPG:] KEY_CREATED ")) {
        return line.split(" ", -1)[3].strip();
      }
    }
    throw new AssertionError("gpg made no key for " + userId + ":\n" + status);
  }

  /** A key gpg made: its fingerprint, and its public and secret keys armoured. */
  public record Key(String fingerprint, String publicKey, String secretKey) {

    /** The armoured public key, as a file holds it. */
    public byte[] publicKeyBytes() {
      return publicKey.getBytes(StandardCharsets.US_ASCII);
    }

    /** An environment that holds the secret key and its passphrase, as an operator sets it. */
    public Map<String, String> environment() {
      return Map.of(
          "CERT_BULLETIN_OPENPGP_KEY",
          secretKey,
          "CERT_BULLETIN_OPENPGP_PASSPHRASE",
          PgpKeys.PASSPHRASE);
    }
  }

  /** Makes a key as {@link #generateKey} does and exports it. */
  public Key makeKey(String userId, String algorithm, String usage, String expire) {
    return export(generateKey(userId, algorithm, usage, expire));
  }

  /** The key {@code fingerprint} as it is now in this keyring (after subkeys were added). */
  public Key export(String fingerprint) {
    return new Key(
        fingerprint,
        new String(exportPublicKey(fingerprint), StandardCharsets.US_ASCII),
        exportSecretKey(fingerprint));
  }

  /** Adds a subkey ({@code gpg --quick-add-key}), for example {@code rsa1024 encr never}. */
  public void addSubkey(String fingerprint, String algorithm, String usage, String expire) {
    run(unlocked("--quick-add-key", fingerprint, algorithm, usage, expire));
  }

  /** The armoured public key, as {@code gpg --export --armor} writes it. */
  public byte[] exportPublicKey(String fingerprint) {
    return export("--export", fingerprint);
  }

  /** The armoured secret key, as {@code gpg --export-secret-keys --armor} writes it. */
  public String exportSecretKey(String fingerprint) {
    return new String(
        export(unlocked("--export-secret-keys", fingerprint)), StandardCharsets.US_ASCII);
  }

  /**
   * The secret subkeys only ({@code gpg --export-secret-subkeys --armor}): the primary key's secret
   * is left out, as for a key whose primary is kept offline.
   */
  public String exportSecretSubkeys(String fingerprint) {
    return new String(
        export(unlocked("--export-secret-subkeys", fingerprint)), StandardCharsets.US_ASCII);
  }

  /** Stops the gpg-agent this keyring started, if any. */
  public void stopAgent() {
    try {
      Process process =
          new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
              .redirectErrorStream(true)
              .start();
      process.getInputStream().readAllBytes();
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      // no gpgconf: nothing was started that it could stop
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private byte[] export(String... arguments) {
    try {
      Path out = Files.createTempFile(home, "export", ".asc");
      Files.delete(out);
      run(concat(new String[] {"--armor", "--output", out.toString()}, arguments));
      return Files.readAllBytes(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String[] unlocked(String... arguments) {
    return concat(
        new String[] {"--pinentry-mode", "loopback", "--passphrase", PgpKeys.PASSPHRASE},
        arguments);
  }

  /** Whether {@code gpg} is on this machine; the tests say which verifier they used. */
  public static boolean installed() {
    try {
      Process process = new ProcessBuilder("gpg", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Verifies the detached signature {@code signature} of {@code data} against {@code publicKey}
   * (armoured).
   *
   * @return the fingerprint of the key that made the good signature
   * @throws AssertionError with the verifier's output when the signature is not good
   */
  public String verifyDetached(byte[] publicKey, byte[] signature, byte[] data) {
    if (installed()) {
      return withGpg(publicKey, signature, data);
    }
    return withPgpainless(publicKey, signature, data);
  }

  private String withGpg(byte[] publicKey, byte[] signature, byte[] data) {
    try {
      Path key = Files.write(Files.createTempFile(home, "key", ".asc"), publicKey);
      Path sig = Files.write(Files.createTempFile(home, "data", ".asc"), signature);
      Path file = Files.write(Files.createTempFile(home, "data", ".bin"), data);
      run("--import", key.toString());
      String status = run("--status-fd", "1", "--verify", sig.toString(), file.toString());
      for (String line : status.split("\n", -1)) {
        if (line.startsWith("[GNUPG:] VALIDSIG ")) {
          return line.split(" ", -1)[2];
        }
      }
      throw new AssertionError("gpg found no valid signature:\n" + status);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Decrypts the armoured OpenPGP message {@code ciphertext} with the secret key {@code secretKey}
   * (armoured, protected by {@code passphrase}): gpg where installed, else PGPainless.
   */
  public byte[] decrypt(String secretKey, String passphrase, byte[] ciphertext) {
    try {
      if (!installed()) {
        return withPgpainless(secretKey, passphrase, ciphertext);
      }
      Path key = Files.writeString(Files.createTempFile(home, "secret", ".asc"), secretKey);
      Path in = Files.write(Files.createTempFile(home, "message", ".asc"), ciphertext);
      Path out = home.resolve(in.getFileName() + ".out");
      String[] unlock = {"--pinentry-mode", "loopback", "--passphrase", passphrase};
      run(concat(unlock, "--import", key.toString()));
      run(concat(unlock, "--output", out.toString(), "--decrypt", in.toString()));
      return Files.readAllBytes(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String[] concat(String[] first, String... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  private static byte[] withPgpainless(String secretKey, String passphrase, byte[] ciphertext)
      throws IOException {
    try {
      var key = PGPainless.readKeyRing().secretKeyRing(secretKey);
      DecryptionStream stream =
          PGPainless.decryptAndOrVerify()
              .onInputStream(new ByteArrayInputStream(ciphertext))
              .withOptions(
                  ConsumerOptions.get()
                      .addDecryptionKey(
                          key,
                          org.pgpainless.key.protection.SecretKeyRingProtector.unlockAnyKeyWith(
                              org.pgpainless.util.Passphrase.fromPassword(passphrase))));
      try (InputStream in = stream) {
        return in.readAllBytes();
      }
    } catch (org.bouncycastle.openpgp.PGPException e) {
      throw new AssertionError("PGPainless could not decrypt: " + e.getMessage(), e);
    }
  }

  /** Runs gpg in this keyring; its standard output, or an AssertionError with all it said. */
  public String run(String... arguments) {
    List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch"));
    command.addAll(options);
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String withPgpainless(byte[] publicKey, byte[] signature, byte[] data) {
    try {
      PGPPublicKeyRing certificate = PGPainless.readKeyRing().publicKeyRing(publicKey);
      DecryptionStream stream =
          PGPainless.decryptAndOrVerify()
              .onInputStream(new ByteArrayInputStream(data))
              .withOptions(
                  ConsumerOptions.get()
                      .addVerificationCert(certificate)
                      .addVerificationOfDetachedSignatures(new ByteArrayInputStream(signature)));
      try (InputStream in = stream) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      MessageMetadata result = stream.getMetadata();
      if (!result.isVerifiedSignedBy(certificate)) {
        throw new AssertionError(
            "PGPainless found no valid signature: " + result.getRejectedDetachedSignatures());
      }
      return PGPainless.inspectKeyRing(certificate).getFingerprint().toString();
    } catch (IOException | org.bouncycastle.openpgp.PGPException e) {
      throw new AssertionError("PGPainless could not verify: " + e.getMessage(), e);
    }
  }
}
