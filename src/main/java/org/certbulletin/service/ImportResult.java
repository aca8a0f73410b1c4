package org.certbulletin.service;

import java.util.List;

/**
 * What an import of advisories did to a week file.
 *
 * @param file the week file
 * @param lines one line per advisory added, updated or marked
 * @param warnings what was imported but deserves a look
 * @param rejected what was not imported, and why
 * @param changed whether the file changed (or, on a dry run, would)
 * @param summary the counts, as one line
 */
public record ImportResult(
    String file,
    List<String> lines,
    List<String> warnings,
    List<String> rejected,
    boolean changed,
    String summary) {

  public ImportResult {
    lines = List.copyOf(lines);
    warnings = List.copyOf(warnings);
    rejected = List.copyOf(rejected);
  }
}
