package org.certbulletin.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the DevTools protocol: one browser process for the pages a test
 * opens, with its own empty profile, no network services, stopped on {@link #close}.
 */
public final class Chromium implements AutoCloseable {

  /** What to install when no browser is found. */
  public static final String INSTALL_HINT =
      "install Chromium (Debian/Ubuntu: apt-get install chromium) or name a Chromium or Chrome"
          + " binary with -Dchromium=PATH or the CHROMIUM environment variable";

  private static final List<String> NAMES =
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final Path profile;
  private final DevTools devTools;
  private final Deque<String> log;

  private Chromium(Process process, Path profile, DevTools devTools, Deque<String> log) {
    this.process = process;
    this.profile = profile;
    this.devTools = devTools;
    this.log = log;
  }

  /**
   * The browser binary: {@code -Dchromium}, {@code $CHROMIUM}, or the first of the usual names on
   * the PATH.
   */
  public static Optional<Path> find() {
    String named = System.getProperty("chromium", System.getenv("CHROMIUM"));
    if (named != null && !named.isBlank()) {
      if (!Files.isExecutable(Path.of(named))) {
        throw new IllegalArgumentException(
            "the browser named by -Dchromium or CHROMIUM, "
                + named
                + ", is not an executable file");
      }
      return Optional.of(Path.of(named));
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return NAMES.stream()
        .flatMap(
            name ->
                Stream.of(path.split(java.io.File.pathSeparator, -1))
                    .filter(dir -> !dir.isEmpty())
                    .map(dir -> Path.of(dir, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Starts {@code binary} headless and connects to it. */
  public static Chromium start(Path binary) throws IOException {
    Path profile = Files.createTempDirectory("chromium-profile");
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Deque<String> log = new ArrayDeque<>();
    CompletableFuture<URI> endpoint = new CompletableFuture<>();
    Thread reader =
        new Thread(() -> readLog(process, log, endpoint), "chromium-stderr-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    try {
      URI uri = endpoint.get(30, TimeUnit.SECONDS);
      return new Chromium(process, profile, DevTools.connect(uri), log);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IOException(
          binary + " did not open its DevTools endpoint within 30 s; its output:\n" + tail(log), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting " + binary, e);
    }
  }

  /** The connection to the browser. */
  public DevTools devTools() {
    return devTools;
  }

  /** The last lines the browser wrote to its standard error, for failure messages. */
  public String recentLog() {
    return tail(log);
  }

  @Override
  public void close() throws IOException {
    try {
      devTools.close();
    } finally {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      deleteTree(profile);
    }
  }

  private static void readLog(Process process, Deque<String> log, CompletableFuture<URI> endpoint) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          endpoint.complete(URI.create(m.group(1)));
        }
        synchronized (log) {
          log.addLast(line);
          if (log.size() > 20) {
            log.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      endpoint.completeExceptionally(e);
    }
    endpoint.completeExceptionally(new IOException("the browser exited"));
  }

  private static String tail(Deque<String> log) {
    synchronized (log) {
      return String.join("\n", log);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | UncheckedIOException e) {
      // a helper process of the browser may still be writing there: leave the rest to the system's
      // cleaning of temporary files rather than fail a test that has passed
    }
  }
}
