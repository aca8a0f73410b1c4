package org.certbulletin.imports;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * An advisory read from a CSAF document or a CVE record, in the week file's form.
 *
 * @param fields the advisory's members as the week schema names them, without {@code provenance}
 * @param warnings what was corrected or left out on the way (a score its vector contradicts)
 */
record ImportedAdvisory(ObjectNode fields, Provenance provenance, List<String> warnings) {

  ImportedAdvisory {
    Objects.requireNonNull(fields, "fields == null");
    Objects.requireNonNull(provenance, "provenance == null");
    warnings = List.copyOf(warnings);
  }

  String id() {
    return fields.get("id").asString();
  }
}
