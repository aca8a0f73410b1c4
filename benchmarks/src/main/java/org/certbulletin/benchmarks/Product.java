package org.certbulletin.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.certbulletin.service.Workspace;

/**
 * The product under measurement, as {@code mvn package} leaves it: its jar and, beside it, the
 * launcher {@code cert-bulletin}. Each command is a fresh process, its output thrown away.
 */
record Product(Path jar) {

  /** How a process is started. */
  enum Start {
    /** By the launcher beside the jar, as operators start it (class-data sharing, quick JIT). */
    LAUNCHER,
    /** With plain {@code java -jar}. */
    PLAIN
  }

  Product {
    jar = jar.toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          "no product jar " + jar + "; mvn package writes target/cert-bulletin.jar");
    }
    if (!Files.isExecutable(jar.resolveSibling("cert-bulletin"))) {
      throw new IllegalArgumentException("no launcher cert-bulletin beside " + jar);
    }
  }

  /** Starts {@code command} on {@code workspace}. */
  Process start(Start start, Workspace workspace, String... command) throws IOException {
    return new ProcessBuilder(line(start, workspace, command))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /**
   * Runs {@code command} on {@code workspace} to its end.
   *
   * @return its wall-clock time in milliseconds
   * @throws IllegalStateException unless it exits with 0 within 10 minutes
   */
  double time(Start start, Workspace workspace, String... command)
      throws IOException, InterruptedException {
    long begin = System.nanoTime();
    Process process = start(start, workspace, command);
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "failed: " + String.join(" ", line(start, workspace, command)));
    }
    return (System.nanoTime() - begin) / 1e6;
  }

  private List<String> line(Start start, Workspace workspace, String... command) {
    List<String> line = new ArrayList<>();
    switch (start) {
      case LAUNCHER -> line.add(jar.resolveSibling("cert-bulletin").toString());
      case PLAIN ->
          line.addAll(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  jar.toString()));
    }
    line.addAll(List.of(command));
    line.addAll(
        List.of(
            "--data",
            workspace.data().toString(),
            "--templates",
            workspace.templates().toString(),
            "--out",
            workspace.out().toString()));
    return line;
  }
}
