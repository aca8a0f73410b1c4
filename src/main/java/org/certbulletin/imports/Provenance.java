package org.certbulletin.imports;

import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where an imported advisory came from, recorded beside it in the week file so that a re-import
 * knows it: the same digest changes nothing, a later release updates it in place.
 *
 * @param source the format: {@code csaf} or {@code cve}
 * @param location the file or address it was read from
 * @param document the source's own id ({@code document.tracking.id}, the CVE id)
 * @param publisher the CSAF publisher's namespace: two publishers may use the same id
 * @param revision the source's version of the document
 * @param released when that version was released, as the source wrote it (ISO-8601)
 * @param sha256 the digest of the source's bytes
 */
record Provenance(
    String source,
    String location,
    String document,
    Optional<String> publisher,
    String revision,
    String released,
    String sha256) {

  Provenance {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(location, "location == null");
    Objects.requireNonNull(document, "document == null");
    Objects.requireNonNull(publisher, "publisher == null");
    Objects.requireNonNull(revision, "revision == null");
    Objects.requireNonNull(released, "released == null");
    Objects.requireNonNull(sha256, "sha256 == null");
  }

  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("source", source);
    node.put("location", Texts.cut(location, 2000));
    node.put("document", Texts.cut(document, 300));
    publisher.ifPresent(p -> node.put("publisher", Texts.cut(p, 300)));
    node.put("revision", Texts.cut(revision, 100));
    node.put("released", Texts.cut(released, 100));
    node.put("sha256", sha256);
    return node;
  }
}
