package org.certbulletin.imports;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.files.Digests;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges imported advisories into a week's {@code advisories}, safely: the same source again
 * changes nothing; a later release of an advisory updates it in place; a member an analyst edited
 * after the import (or added) is kept. Each imported advisory records in its {@code provenance} the
 * source and a short digest of each member as imported, which is how an edit is recognised.
 */
final class AdvisoryMerge {

  private final ArrayNode advisories;
  private final ImportReport report;

  AdvisoryMerge(ArrayNode advisories, ImportReport report) {
    this.advisories = advisories;
    this.report = report;
  }

  void merge(ImportedAdvisory imported) {
    Provenance source = imported.provenance();
    Optional<ObjectNode> same = find(source);
    if (same.isEmpty()) {
      ObjectNode clash = byId(imported.id()).orElse(null);
      if (clash != null) {
        report.rejected(
            describe(imported)
                + ": the week already has an advisory "
                + imported.id()
                + (clash.has("provenance")
                    ? " imported from " + clash.path("provenance").path("location").asString()
                    : " typed by hand")
                + "; kept it as it is (remove it to import this one)");
        return;
      }
      advisories.add(fresh(imported));
      report.added(describe(imported) + warnings(imported));
      return;
    }
    ObjectNode existing = same.get();
    JsonNode recorded = existing.path("provenance");
    if (source.sha256().equals(recorded.path("sha256").asString(""))) {
      report.sameAsBefore();
      return;
    }
    if (source.revision().equals(recorded.path("revision").asString(null))) {
      sameRevision(existing, imported);
      return;
    }
    if (isOlder(source.released(), recorded.path("released").asString(""))) {
      report.note(
          "kept "
              + existing.path("id").asString()
              + " as it is: "
              + source.location()
              + " is revision "
              + source.revision()
              + " of "
              + source.released()
              + ", older than the imported revision "
              + recorded.path("revision").asString());
      report.sameAsBefore();
      return;
    }
    List<String> kept = update(existing, imported);
    report.updated(
        existing.path("id").asString()
            + " from revision "
            + recorded.path("revision").asString()
            + " to "
            + source.revision()
            + " ("
            + source.location()
            + ")"
            + (kept.isEmpty() ? "" : "; kept your edits to " + String.join(", ", kept))
            + warnings(imported));
  }

  /**
   * Another document with the revision already imported: harmless if what the bulletin takes of it
   * is the same (the same document written out again), a conflict otherwise, since one revision
   * cannot say two things. The advisory imported stays.
   */
  private void sameRevision(ObjectNode existing, ImportedAdvisory imported) {
    Provenance source = imported.provenance();
    JsonNode recorded = existing.path("provenance");
    ObjectNode digests = imported.fields().objectNode();
    imported.fields().properties().forEach(m -> digests.put(m.getKey(), digest(m.getValue())));
    String before = recorded.path("location").asString("");
    if (digests.equals(recorded.path("fields"))) {
      report.note(
          "kept "
              + existing.path("id").asString()
              + " as it is: "
              + source.location()
              + " is revision "
              + source.revision()
              + " like "
              + before
              + ", not byte for byte but the same for the bulletin");
      report.sameAsBefore();
      return;
    }
    report.rejected(
        describe(imported)
            + ": conflicts with "
            + before
            + ", imported as the same revision "
            + source.revision()
            + " of "
            + source.document()
            + " but saying something else (sha256 "
            + abbreviated(recorded.path("sha256").asString(""))
            + " and "
            + abbreviated(source.sha256())
            + "); kept the advisory from "
            + before
            + ". "
            + ("csaf".equals(source.source())
                ? "A corrected document needs a new revision: bump document.tracking.version"
                    + " (with a revision_history entry) in the one that is right"
                : "A record's dateUpdated changes with each update: import the one whose"
                    + " dateUpdated is right")
            + ", or remove one: the advisory from the week file, or the file from the import");
  }

  private static String abbreviated(String sha256) {
    return sha256.length() > 12 ? sha256.substring(0, 12) + "…" : sha256;
  }

  private Optional<ObjectNode> find(Provenance source) {
    for (JsonNode advisory : advisories) {
      JsonNode provenance = advisory.path("provenance");
      if (source.source().equals(provenance.path("source").asString(""))
          && Texts.cut(source.document(), 300).equals(provenance.path("document").asString(""))
          && source.publisher().orElse("").equals(provenance.path("publisher").asString(""))) {
        return Optional.of((ObjectNode) advisory);
      }
    }
    return Optional.empty();
  }

  private Optional<ObjectNode> byId(String id) {
    for (JsonNode advisory : advisories) {
      if (id.equals(advisory.path("id").asString(""))) {
        return Optional.of((ObjectNode) advisory);
      }
    }
    return Optional.empty();
  }

  private static ObjectNode fresh(ImportedAdvisory imported) {
    ObjectNode fields = imported.fields();
    ObjectNode digests = fields.objectNode();
    fields.properties().forEach(m -> digests.put(m.getKey(), digest(m.getValue())));
    ObjectNode provenance = imported.provenance().toJson();
    provenance.set("fields", digests);
    ObjectNode advisory = fields.deepCopy();
    advisory.set("provenance", provenance);
    return ordered(advisory);
  }

  /**
   * Updates {@code existing} member by member: a member still as imported takes the new value (or
   * goes, if the new release lacks it); one edited or added by hand stays. Returns the members
   * kept.
   */
  private static List<String> update(ObjectNode existing, ImportedAdvisory imported) {
    ObjectNode fields = imported.fields();
    ObjectNode recorded = (ObjectNode) existing.path("provenance").path("fields");
    ObjectNode digests = fields.objectNode();
    Set<String> members = new LinkedHashSet<>();
    fields.propertyNames().forEach(members::add);
    recorded.propertyNames().forEach(members::add);
    List<String> kept = new ArrayList<>();
    for (String member : members) {
      JsonNode now = existing.get(member);
      String asImported = recorded.path(member).asString(null);
      boolean edited =
          asImported == null ? now != null : now == null || !asImported.equals(digest(now));
      if (edited) {
        boolean wouldChange =
            fields.has(member) ? !fields.get(member).equals(now) : asImported != null;
        if (wouldChange) {
          kept.add(member);
        }
        if (asImported != null) {
          digests.put(member, asImported);
        }
        continue;
      }
      JsonNode next = fields.get(member);
      if (next == null) {
        existing.remove(member);
      } else {
        existing.set(member, next);
        digests.put(member, digest(next));
      }
    }
    ObjectNode provenance = imported.provenance().toJson();
    provenance.set("fields", digests);
    existing.set("provenance", provenance);
    ObjectNode reordered = ordered(existing);
    existing.removeAll();
    existing.setAll(reordered);
    return kept;
  }

  /** {@code advisory}'s members in the week files' order; members it does not know, after. */
  static ObjectNode ordered(ObjectNode advisory) {
    ObjectNode ordered = advisory.objectNode();
    for (String member : AdvisoryFields.ORDER) {
      if (advisory.has(member)) {
        ordered.set(member, advisory.get(member));
      }
    }
    advisory
        .properties()
        .forEach(
            m -> {
              if (!ordered.has(m.getKey())) {
                ordered.set(m.getKey(), m.getValue());
              }
            });
    return ordered;
  }

  /** A short digest of a member's value, enough to tell an edit from the value imported. */
  static String digest(JsonNode value) {
    return Digests.sha256(value.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  private static boolean isOlder(String released, String recorded) {
    Optional<java.time.Instant> now = WeekWindow.instant(released);
    Optional<java.time.Instant> before = WeekWindow.instant(recorded);
    return now.isPresent() && before.isPresent() && now.get().isBefore(before.get());
  }

  private static String describe(ImportedAdvisory imported) {
    return imported.id()
        + " ("
        + imported.provenance().location()
        + ", revision "
        + imported.provenance().revision()
        + ")";
  }

  private static String warnings(ImportedAdvisory imported) {
    return imported.warnings().isEmpty() ? "" : "; " + String.join("; ", imported.warnings());
  }
}
