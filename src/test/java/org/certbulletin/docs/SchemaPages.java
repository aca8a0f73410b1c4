package org.certbulletin.docs;

import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The data-format reference, from the JSON Schemas that validate the files: {@code
 * docs/reference/week-format.md} and {@code docs/reference/config.md}.
 */
final class SchemaPages implements PageGenerator {

  private static final String SCHEMAS = "src/main/resources/schema/";

  private final Path root;

  SchemaPages(Path root) {
    this.root = root;
  }

  @Override
  public String folder() {
    return "docs/reference";
  }

  @Override
  public SortedMap<String, String> pages() {
    SortedMap<String, String> pages = new TreeMap<>();
    pages.put(
        "docs/reference/week-format.md",
        page(
            "week.schema.json",
            "The week file",
            "One file per ISO week, `data/weeks/YYYY-Www.json`, named after the week it holds."
                + " `cert-bulletin validate` checks it against"
                + " [its JSON Schema](../../"
                + SCHEMAS
                + "week.schema.json)"
                + " (draft 2020-12) and reports every problem at once, with line, column and JSON"
                + " pointer; the rules beyond the schema (tallies that add up, CVSS scores that"
                + " match their vectors, unique advisory ids...) are checked in the same run.\n\n"
                + "Example: the bundled sample week"
                + " [`data/weeks/2024-W51.json`](../../data/weeks/2024-W51.json)."
                + " The configuration it is read with is described in [config.json](config.md)."));
    pages.put(
        "docs/reference/config.md",
        page(
            "config.schema.json",
            "config.json",
            "`data/config.json` says who issues the bulletin, in which languages, and how it is"
                + " built, published, scheduled and sent. `cert-bulletin validate` checks it"
                + " against [its JSON Schema](../../"
                + SCHEMAS
                + "config.schema.json) (draft 2020-12). Secrets (SMTP, database and IMAP passwords,"
                + " DKIM and OpenPGP keys) are never in it: they come from environment variables,"
                + " which the members below name.\n\n"
                + "Example: the bundled sample's [`data/config.json`](../../data/config.json). The"
                + " week files it configures are described in [the week file](week-format.md)."));
    return pages;
  }

  private String page(String schema, String title, String intro) {
    return GeneratedPages.markdownHeader(SCHEMAS + schema)
        + new SchemaDoc(GeneratedPages.readJson(root.resolve(SCHEMAS + schema)), title, intro)
            .markdown();
  }
}
