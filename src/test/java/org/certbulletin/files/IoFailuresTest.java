package org.certbulletin.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/**
 * Write failures are described by their reason, from the exceptions the JDK really throws for
 * EACCES, EPERM, ENOSPC and EROFS (a full disk cannot be had in a test without privileges).
 */
class IoFailuresTest {

  @Test
  void accessDeniedSaysPermissionDenied() {
    assertThat(
            IoFailures.describe(
                thrownBy(
                    "newOutputStream",
                    new AccessDeniedException("out/site/2024/W51/bulletin.pdf"))))
        .startsWith("cannot write out/site/2024/W51/bulletin.pdf: permission denied")
        .contains("owner and mode");
  }

  @Test
  void operationNotPermittedSaysPermissionDenied() {
    assertThat(
            IoFailures.describe(
                new UncheckedIOException(
                    thrownBy(
                        "createDirectories",
                        new FileSystemException("out/site", null, "Operation not permitted")))))
        .startsWith("cannot write out/site: permission denied");
  }

  @Test
  void anUnreadableWeekFileSaysCannotRead() {
    assertThat(
            IoFailures.describe(
                new UncheckedIOException(
                    thrownBy(
                        "readAllBytes", new AccessDeniedException("data/weeks/2024-W51.json")))))
        .startsWith("cannot read data/weeks/2024-W51.json: permission denied")
        .doesNotContain("cannot write", "immutable");
  }

  @Test
  void anUnreadableTemplateSaysCannotRead() {
    IOException denied =
        new java.io.FileNotFoundException("templates/page.ftlh (Permission denied)");
    denied.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("java.io.FileInputStream", "open0", "FileInputStream.java", -2),
          new StackTraceElement("java.io.FileInputStream", "open", "FileInputStream.java", 216)
        });
    assertThat(IoFailures.describe(denied))
        .startsWith("cannot read: permission denied")
        .doesNotContain("cannot write");
  }

  @Test
  void accessDeniedFromAnUnknownCallSaysCannotAccess() {
    AccessDeniedException denied = new AccessDeniedException("data/config.json");
    denied.setStackTrace(new StackTraceElement[0]);
    assertThat(IoFailures.describe(denied))
        .startsWith("cannot access data/config.json: permission denied");
  }

  /** {@code e} as the JDK throws it from {@code Files.method}, whatever the test runs as. */
  private static <T extends IOException> T thrownBy(String method, T e) {
    e.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(
              "sun.nio.fs.UnixException", "translateToIOException", "UnixException.java", 92),
          new StackTraceElement("java.nio.file.Files", method, "Files.java", 100)
        });
    return e;
  }

  @Test
  void aFullDiskSaysNoSpaceLeftWithTheFile() {
    assertThat(
            IoFailures.describe(
                new FileSystemException(
                    "out/site.d/g000004/index.html", null, "No space left on device")))
        .startsWith("cannot write out/site.d/g000004/index.html: no space left on device");
  }

  @Test
  void aFullDiskDuringAStreamWriteSaysNoSpaceLeftWithWhatWasWritten() {
    IOException write = new IOException("No space left on device");
    assertThat(
            IoFailures.describe(
                new IOException("cannot write the outbox out/outbox/2024-W51/public: x", write)))
        .isEqualTo(
            "cannot write the outbox out/outbox/2024-W51/public: no space left on device (free"
                + " some space, or point --out at a larger disk)");
  }

  @Test
  void aReadOnlyFileSystemSaysSo() {
    assertThat(IoFailures.describe(new FileSystemException("out", null, "Read-only file system")))
        .startsWith("cannot write out: read-only file system");
  }

  @Test
  void controlOtherFailuresKeepTheirMessage() {
    assertThat(IoFailures.describe(new IOException("the archive is locked by pid 42")))
        .isEqualTo("the archive is locked by pid 42");
  }
}
