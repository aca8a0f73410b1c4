package org.certbulletin.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.certbulletin.model.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret named by a file variable is read whole from a regular file and bounded: a device, a pipe
 * nobody writes to or a file far too large is refused at once, without filling the memory or
 * waiting.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EnvironmentSecretTest {

  private static final String VARIABLE = "CERT_BULLETIN_OPENPGP_KEY";
  private static final String FILE_VARIABLE = "CERT_BULLETIN_OPENPGP_KEY_FILE";

  @TempDir Path temp;

  @Test
  void aKeyFileIsReadWhole() throws IOException {
    Path key = Files.writeString(temp.resolve("key.asc"), "-----BEGIN PGP PRIVATE KEY BLOCK-----");

    assertThat(read(key.toString()))
        .map(bytes -> new String(bytes, StandardCharsets.US_ASCII))
        .contains("-----BEGIN PGP PRIVATE KEY BLOCK-----");
  }

  @Test
  void devZeroIsRefusedAtOnceAsNotAFile() {
    assertRefused("/dev/zero", "is not a regular file (a device, a pipe or a folder)");
  }

  @Test
  void devUrandomIsRefusedAtOnceAsNotAFile() {
    assertRefused("/dev/urandom", "is not a regular file");
  }

  @Test
  void aPipeNobodyWritesToIsRefusedWithoutWaiting() throws Exception {
    Path fifo = temp.resolve("key.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "no mkfifo");

    assertRefused(fifo.toString(), "is not a regular file");
  }

  @Test
  void aFolderIsRefused() {
    assertRefused(temp.toString(), "is not a regular file");
  }

  @Test
  void aFileLargerThanOneMebibyteIsRefusedSayingTheLimit() throws IOException {
    Path large = temp.resolve("backup.tar");
    Files.write(large, new byte[EnvironmentSecret.MAX_BYTES + 1]);
    assertRefused(large.toString(), "is larger than 1 MiB (1048576 bytes)");

    // control: exactly the limit is read
    Files.write(large, "k".repeat(EnvironmentSecret.MAX_BYTES).getBytes(StandardCharsets.US_ASCII));
    assertThat(read(large.toString()))
        .get()
        .extracting(bytes -> bytes.length)
        .isEqualTo(EnvironmentSecret.MAX_BYTES);
  }

  @Test
  void aMissingFileIsNamedWithTheVariableToFix() {
    assertRefused(
        temp.resolve("nothing-here.asc").toString(), "does not exist; fix " + FILE_VARIABLE);
  }

  @Test
  void theVariableWinsOverTheFileAndIsBoundedToo() {
    assertThat(
            EnvironmentSecret.readBytes(
                Map.of(VARIABLE, "key", FILE_VARIABLE, "/dev/zero"),
                VARIABLE,
                FILE_VARIABLE,
                "OpenPGP key"))
        .get()
        .isEqualTo("key".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(
            () ->
                EnvironmentSecret.readBytes(
                    Map.of(VARIABLE, "k".repeat(EnvironmentSecret.MAX_BYTES + 1)),
                    VARIABLE,
                    FILE_VARIABLE,
                    "OpenPGP key"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(VARIABLE)
        .hasMessageContaining("is longer than 1 MiB");
  }

  @Test
  void aBinaryFileIsRefusedAsTextForPem() throws IOException {
    Path binary = Files.write(temp.resolve("key.der"), new byte[] {0x30, (byte) 0x82, 0x04});

    assertThatThrownBy(
            () ->
                EnvironmentSecret.read(
                    Map.of(FILE_VARIABLE, binary.toString()), VARIABLE, FILE_VARIABLE, "DKIM key"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("is not text");
  }

  @Test
  void aVariableThatIsNotAsciiIsNamedItselfNotTheFileVariable() {
    assertThatThrownBy(
            () ->
                EnvironmentSecret.read(
                    Map.of(VARIABLE, "-----BEGIN PGP \u201cKEY\u201d-----"),
                    VARIABLE,
                    FILE_VARIABLE,
                    "DKIM key"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(VARIABLE)
        .hasMessageContaining("is not text")
        .hasMessageNotContaining("null")
        .hasMessageNotContaining(FILE_VARIABLE);
  }

  private static Optional<byte[]> read(String file) {
    return EnvironmentSecret.readBytes(
        Map.of(FILE_VARIABLE, file), VARIABLE, FILE_VARIABLE, "OpenPGP key");
  }

  private static void assertRefused(String file, String why) {
    assertThatThrownBy(() -> read(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(file)
        .hasMessageContaining(FILE_VARIABLE)
        .hasMessageContaining(why);
  }
}
