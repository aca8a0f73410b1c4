package org.certbulletin.testing;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real command line in a child JVM on the test classpath, its output kept line by line (and
 * appended to a log file) so a test can wait for a line or kill the process with SIGKILL.
 */
public final class CliProcess implements AutoCloseable {

  /** {@code 128 + SIGKILL}: how a JVM killed with signal 9 exits. */
  public static final int KILLED = 137;

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private CliProcess(Process process, Path log) {
    this.process = process;
    this.reader = new Thread(() -> read(log), "cli-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * The command line that runs {@code org.certbulletin.cli.Main} in a child JVM on the test
   * classpath with {@code jvmOptions}; callers add the CLI's arguments.
   */
  public static List<String> javaCommand(String... jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), "org.certbulletin.cli.Main"));
    return command;
  }

  /** Starts {@code org.certbulletin.cli.Main} with {@code args}, logging at {@code info}. */
  public static CliProcess start(Path log, List<String> args) {
    return start(log, args, Map.of());
  }

  /**
   * Starts {@code org.certbulletin.cli.Main} with {@code args} and {@code environment} added to
   * this process's environment (secrets such as {@code CERT_BULLETIN_OPENPGP_KEY_FILE}), logging at
   * {@code info}.
   */
  public static CliProcess start(Path log, List<String> args, Map<String, String> environment) {
    List<String> command =
        javaCommand("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("CERT_BULLETIN_LOG", "info");
    builder.environment().putAll(environment);
    try {
      return new CliProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void read(Path log) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
        Files.writeString(
            log,
            line + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  /**
   * Waits until a line of output contains {@code text}, {@code timeout} stretched on a busy machine
   * ({@link Patience}).
   *
   * @return false if the process ended first or the time ran out
   */
  public boolean awaitLine(String text, Duration timeout) throws InterruptedException {
    Patience patience = Patience.of(timeout);
    synchronized (lines) {
      while (lines.stream().noneMatch(l -> l.contains(text))) {
        long left = patience.remainingNanos();
        if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
          return false;
        }
        lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 50)));
      }
      return true;
    }
  }

  /** Every line of output so far. */
  public String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the process with SIGKILL and returns its exit code ({@link #KILLED} if it was alive). */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    return process.exitValue();
  }

  /**
   * Sends the process SIGTERM, as systemd or {@code kill} stop it, and returns its exit code once
   * it has ended (within {@code timeout}).
   */
  public int terminate(Duration timeout) throws InterruptedException {
    // through the handle: Process.destroy() would also close our end of its output, losing what
    // the process prints as it stops
    process.toHandle().destroy();
    return await(timeout);
  }

  /** Waits for the process to end on its own and returns its exit code. */
  public int await(Duration timeout) throws InterruptedException {
    Patience patience = Patience.of(timeout);
    while (!process.waitFor(Math.min(patience.remainingNanos(), 1_000_000_000L), NANOSECONDS)) {
      if (patience.exhausted()) {
        process.destroyForcibly();
        throw new IllegalStateException("still running after " + patience + ":\n" + output());
      }
    }
    reader.join(5_000);
    return process.exitValue();
  }

  /** Kills the process if it still runs, without waiting for it. */
  @Override
  public void close() {
    process.destroyForcibly();
  }
}
