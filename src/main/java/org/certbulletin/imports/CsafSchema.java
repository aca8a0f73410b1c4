package org.certbulletin.imports;

import java.util.Map;
import org.certbulletin.ingest.SchemaCheck;

/** The OASIS CSAF 2.0 JSON schema and FIRST's CVSS schemas it uses, shipped in the jar. */
final class CsafSchema {

  private static volatile SchemaCheck check;

  private CsafSchema() {}

  static SchemaCheck check() {
    SchemaCheck loaded = check;
    if (loaded == null) {
      loaded =
          SchemaCheck.load(
              "/schema/csaf/csaf_json_schema.json",
              Map.of("https://www.first.org/cvss/", "classpath:schema/csaf/"));
      check = loaded;
    }
    return loaded;
  }
}
