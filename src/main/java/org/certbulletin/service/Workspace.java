package org.certbulletin.service;

import java.nio.file.Path;
import java.util.Objects;

/** The three folders a run works with: analysts' data, templates, and generated output. */
public record Workspace(Path data, Path templates, Path out) {

  public Workspace {
    Objects.requireNonNull(data, "data == null");
    Objects.requireNonNull(templates, "templates == null");
    Objects.requireNonNull(out, "out == null");
  }

  /** The defaults: {@code data}, {@code templates} and {@code out} in the current folder. */
  public static Workspace defaults() {
    return new Workspace(Path.of("data"), Path.of("templates"), Path.of("out"));
  }
}
