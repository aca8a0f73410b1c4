package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.certbulletin.files.LockFile;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Exit codes mean what README says: 2 for bad input only, 3 when another run holds a lock, 1 for
 * the rest.
 */
class ExitCodeTest {

  @TempDir Path root;

  @Test
  @SuppressWarnings("try") // the lock is held for the block, never read
  void aPublishWhileAnotherHoldsTheLockIsBusyNotBadInput() throws Exception {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    try (LockFile held =
        LockFile.acquire(new OutputLayout(sample.out()).publishLock(), "publish")) {
      CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "publish"));
      assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
      assertThat(run.err()).startsWith("busy: another publish is running");
    }
    CommandLineRun control = CommandLineRun.of(CommandLineRun.join(sample.options(), "publish"));
    assertThat(control.exitCode()).as("control: the same publish once the lock is free").isZero();
  }

  @Test
  void aPublishFromADataFolderWithoutWeeksIsBadInputAndKeepsTheArchive() throws Exception {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    assertThat(CommandLineRun.of(CommandLineRun.join(sample.options(), "publish")).exitCode())
        .isZero();
    var before = SampleWorkspace.snapshot(sample.out().resolve("site"));
    Path emptyData = root.resolve("mounted-late");
    java.nio.file.Files.createDirectories(emptyData);
    java.nio.file.Files.copy(
        sample.data().resolve("config.json"), emptyData.resolve("config.json"));

    CommandLineRun run =
        CommandLineRun.of(
            "publish",
            "--data",
            emptyData.toString(),
            "--templates",
            sample.templates().toString(),
            "--out",
            sample.out().toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("no week files found");
    assertThat(SampleWorkspace.snapshot(sample.out().resolve("site"))).isEqualTo(before);
  }

  @Test
  void anUnexpectedFailureExitsOneWithItsStackTraceLogged() {
    Logger logger = (Logger) LoggerFactory.getLogger(Main.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      StringWriter err = new StringWriter();
      CommandLine commandLine =
          new CommandLine(new Throwing(new IllegalStateException("a packaging bug")))
              .setErr(new PrintWriter(err, true))
              .setExecutionExceptionHandler(Main::handle);

      int code = commandLine.execute();

      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).contains("unexpected failure", "a packaging bug");
      assertThat(logged.list)
          .singleElement()
          .satisfies(
              event -> {
                assertThat(event.getThrowableProxy()).as("the stack trace is logged").isNotNull();
                assertThat(event.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
              });
    } finally {
      logger.detachAppender(logged);
    }
  }

  @Test
  void anIllegalArgumentIsAFailureNotBadInput() {
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new Throwing(new IllegalArgumentException("threads < 1: 0")))
            .setErr(new PrintWriter(err, true))
            .setExecutionExceptionHandler(Main::handle)
            .execute();
    assertThat(code).isEqualTo(1);
  }

  @Test
  void badDataExitsTwoAndAMissingListNamesTheConfig() {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    CommandLineRun run =
        CommandLineRun.of(
            CommandLineRun.join(
                sample.options(), "send", "2024-W51", "--list", "nope", "--dry-run"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("config.json", "no list 'nope'", "public");
  }

  @Test
  void aTemplateThatRunsPastTheTimeLimitIsBadInputNamingItsLine() throws Exception {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    sample.configure("render", "{\"time_limit\": \"PT2.5S\"}");
    Path template = sample.templates().resolve("bulletin/bulletin.ftlh");
    String pristine = java.nio.file.Files.readString(template);
    String runaway = "<#list 1..2000000000 as i><#if i < 0>x</#if></#list>";
    String text = pristine + "\n" + runaway + "\n";
    java.nio.file.Files.writeString(template, text);
    int line = (int) text.substring(0, text.indexOf(runaway)).lines().count() + 1;

    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "build"));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("bulletin.ftlh:" + line + ":", "did not finish within 2500 ms")
        .doesNotContain("\tat ");
  }

  @Command(name = "throwing")
  private static final class Throwing implements Callable<Integer> {

    private final RuntimeException failure;

    Throwing(RuntimeException failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() {
      throw failure;
    }
  }
}
