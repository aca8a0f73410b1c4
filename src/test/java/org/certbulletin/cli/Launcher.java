package org.certbulletin.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * The launcher script {@code target/cert-bulletin}, run as a user runs it: a real {@code sh}
 * process, started by a path or a name on the {@code PATH}, in a folder of the caller's choosing.
 */
final class Launcher {

  /** What a run of the launcher printed, and how it ended. */
  record Outcome(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n" + out + err;
    }
  }

  private static final Duration WAIT = Duration.ofMinutes(2);

  private Launcher() {}

  /**
   * Installs {@code src/main/sh/cert-bulletin} in {@code folder} with a jar of its own that holds
   * no classes: its manifest names the main class and, as its class path, the test's, so the script
   * starts the code under test exactly as it starts the packaged jar.
   */
  static Path installWithTestClasses(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path launcher = folder.resolve("cert-bulletin");
    Files.copy(Path.of("src/main/sh/cert-bulletin"), launcher, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, "org.certbulletin.cli.Main");
    main.put(
        Attributes.Name.CLASS_PATH,
        Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
            .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
            .collect(Collectors.joining(" ")));
    try (OutputStream file = Files.newOutputStream(folder.resolve("cert-bulletin.jar"))) {
      new JarOutputStream(file, manifest).close(); // the manifest is the whole jar
    }
    return launcher;
  }

  /**
   * Runs {@code command} (the launcher by a path, or by the name a {@code PATH} entry of {@code
   * path} finds) with {@code args} in folder {@code workingDirectory}.
   */
  static Outcome run(
      Path workingDirectory,
      List<Path> path,
      Map<String, String> env,
      String command,
      String... args)
      throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    if (!command.contains("/")) {
      // a name: a shell looks it up on the PATH given below, as when a user types it
      line.addAll(List.of("sh", "-c", "exec " + command + " \"$@\"", "sh"));
    } else {
      line.add(command);
    }
    line.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(line).directory(workingDirectory.toFile());
    Map<String, String> environment = builder.environment();
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("JAVA_OPTS", "-Xmx256m");
    environment.put("CDPATH", "/tmp:/"); // a shell with CDPATH set must not upset the script
    environment.remove("CERT_BULLETIN_LOG");
    List<String> entries = new ArrayList<>();
    path.forEach(p -> entries.add(p.toString()));
    entries.add(environment.getOrDefault("PATH", "/usr/bin:/bin"));
    environment.put("PATH", String.join(java.io.File.pathSeparator, entries));
    environment.putAll(env);
    Path out = Files.createTempFile("launcher", ".out");
    Path err = Files.createTempFile("launcher", ".err");
    try {
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the launcher still runs after " + WAIT + ": " + line);
      }
      return new Outcome(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
