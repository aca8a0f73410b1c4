package org.certbulletin.docs;

import java.util.SortedMap;

/**
 * Writes pages of {@code docs/} from the code they describe (the JSON Schemas, the OpenAPI file,
 * the picocli commands). The build regenerates every page and fails when a committed one differs,
 * or when a generator's folder holds a page it no longer writes.
 */
interface PageGenerator {

  /**
   * The folder this generator owns, relative to the repository root (for example {@code
   * docs/reference/cli}): every file in it is a page some generator writes, and any other is stale.
   * Generators may share a folder (the schema and API references both write {@code
   * docs/reference}).
   */
  String folder();

  /** Each page's path relative to the repository root, with its whole content. */
  SortedMap<String, String> pages();
}
