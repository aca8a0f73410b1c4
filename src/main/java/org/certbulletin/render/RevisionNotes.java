package org.certbulletin.render;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.Advisory;
import org.certbulletin.model.Amendment;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Config;
import org.certbulletin.model.Format;
import org.certbulletin.model.Revision;
import org.certbulletin.model.TallyDefinition;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.Week;
import org.certbulletin.render.BulletinView.RevisionView;

/**
 * What a reader is told of a bulletin's version: a correction's note (when, what changed, the
 * editor's words) and, on an earlier version's page, that a later one superseded it. The words came
 * after the first bundles, so a templates folder copied before them still renders, in English.
 */
final class RevisionNotes {

  private final Messages messages;
  private final Formats formats;
  private final TallyLabels labels;

  RevisionNotes(Messages messages, Formats formats, TallyLabels labels) {
    this.messages = messages;
    this.formats = formats;
    this.labels = labels;
  }

  /**
   * The note of {@code bulletin}'s revision for {@code medium}; empty for a bulletin without one
   * and for a first version nothing has superseded, which readers see as before.
   */
  Optional<RevisionView> create(Bulletin bulletin, String medium) {
    Optional<Revision> found = bulletin.revision();
    if (found.isEmpty()
        || (found.get().correction().isEmpty() && found.get().supersededBy().isEmpty())) {
      return Optional.empty();
    }
    Revision revision = found.get();
    ZoneId zone = bulletin.config().issuer().zone();
    String version = String.valueOf(revision.version());
    return Optional.of(
        new RevisionView(
            version,
            revision.correction().map(c -> c.correctedAt().toString()).orElse(null),
            revision
                .correction()
                .map(
                    c ->
                        text(
                            "revision.corrected",
                            "Corrected on {0} (version {1})",
                            date(c.correctedAt(), zone),
                            version))
                .orElse(null),
            text("revision.changes", "What changed"),
            revision.correction().map(c -> changes(c.changes(), bulletin)).orElse(List.of()),
            text("revision.note", "Editor''s note"),
            revision.correction().flatMap(Revision.Correction::note).orElse(null),
            text("revision.history", "Versions"),
            revision.history().stream().map(v -> history(v, zone)).toList(),
            revision
                .supersededBy()
                .map(
                    next ->
                        text(
                            "revision.superseded",
                            "Superseded: this is version {0} of this bulletin, corrected on {1}"
                                + " by version {2}.",
                            version,
                            date(next.correctedAt(), zone),
                            String.valueOf(next.version())))
                .orElse(null),
            text("revision.current", "Read the current version"),
            revision.supersededBy().isPresent() ? current(bulletin, medium) : null));
  }

  /** The subject line of a correction's mail; {@code subject} as it is for any other version. */
  String subject(Bulletin bulletin, String subject) {
    return bulletin
        .revision()
        .filter(r -> r.correction().isPresent())
        .map(
            r ->
                text(
                    "mail.subject.corrected",
                    "[Correction, version {0}] {1}",
                    String.valueOf(r.version()),
                    subject))
        .orElse(subject);
  }

  /**
   * Where the current version is, seen from an earlier version's folder ({@code 2024/W51/v1/}): the
   * week's folder above it; for a PDF, the public archive's copy where there is one, as a PDF is
   * read away from the archive.
   */
  private static String current(Bulletin bulletin, String medium) {
    Config config = bulletin.config();
    Week week = bulletin.week();
    Format format = medium.equals("print") ? Format.PDF : Format.HTML;
    String file =
        OutputLayout.inLanguage(format.fileName(), config.language(), config.mainLanguage());
    if (!medium.equals("screen")
        && week.tlp() == Tlp.CLEAR
        && config.site().baseUrl().isPresent()) {
      return config.site().baseUrl().get() + OutputLayout.archivePath(week.id()) + "/" + file;
    }
    return "../" + file;
  }

  private String history(Revision.Version version, ZoneId zone) {
    String entry =
        text(
            "revision.history.entry",
            "Version {0}, published {1}",
            String.valueOf(version.number()),
            formats.dateTime(version.published().atZone(zone).toOffsetDateTime(), zone));
    return version
        .approvedBy()
        .map(name -> text("revision.history.approved", "{0}, approved by {1}", entry, name))
        .orElse(entry);
  }

  private List<String> changes(List<Amendment> changes, Bulletin bulletin) {
    return changes.stream().map(c -> change(c, bulletin)).toList();
  }

  /** One change in the edition's words. */
  private String change(Amendment change, Bulletin bulletin) {
    String subject = change.subject().orElse("");
    return switch (change.kind()) {
      case TALLY -> tally(change, bulletin);
      case BREAKDOWN, OF_WHICH -> {
        Optional<TallyDefinition> tally = bulletin.config().catalogue().find(subject);
        String part = change.part().orElse("");
        yield text(
            "revision.change.part",
            "{0}, {1}: {2} \u2192 {3}",
            tally.map(labels::label).orElse(subject),
            tally.map(t -> labels.part(t, part)).orElse(part),
            count(change.before()),
            count(change.after()));
      }
      case ISSUE ->
          text(
              "revision.change.issue",
              "Issue: {0} \u2192 {1}",
              issue(change.before()),
              issue(change.after()));
      case ISSUE_TOTAL ->
          text(
              "revision.change.issueTotal",
              "Running number: {0} \u2192 {1}",
              count(change.before()),
              count(change.after()));
      case PUBLISHED ->
          text(
              "revision.change.published",
              "Publication time: {0} \u2192 {1}",
              time(change.before(), bulletin),
              time(change.after(), bulletin));
      case TLP ->
          text(
              "revision.change.tlp",
              "Marking: {0} \u2192 {1}",
              tlp(change.before()),
              tlp(change.after()));
      case SITUATION ->
          text(
              "revision.change.situation",
              "Overall situation: {0} \u2192 {1}",
              word("situation.", change.before()),
              word("situation.", change.after()));
      case SITUATION_TEXT ->
          text(
              "revision.change.situationText",
              "The analysts'' assessment of the situation was corrected");
      case HIGHLIGHT_ADDED ->
          text("revision.change.highlightAdded", "Incident highlight added: {0}", subject);
      case HIGHLIGHT_REMOVED ->
          text("revision.change.highlightRemoved", "Incident highlight withdrawn: {0}", subject);
      case HIGHLIGHT_CHANGED ->
          text("revision.change.highlightChanged", "Incident highlight corrected: {0}", subject);
      case ADVISORY_ADDED ->
          text(
              "revision.change.advisoryAdded",
              "Advisory added: {0} \u2013 {1} ({2})",
              subject,
              product(bulletin.week(), subject),
              word("severity.", change.after()));
      case ADVISORY_REMOVED ->
          text("revision.change.advisoryRemoved", "Advisory withdrawn: {0}", subject);
      case ADVISORY_SEVERITY ->
          text(
              "revision.change.severity",
              "Advisory {0}: severity {1} \u2192 {2}",
              subject,
              word("severity.", change.before()),
              word("severity.", change.after()));
      case ADVISORY_CVSS ->
          text(
              "revision.change.cvss",
              "Advisory {0}: CVSS {1} \u2192 {2}",
              subject,
              value(change.before()),
              value(change.after()));
      case ADVISORY_EXPLOITED ->
          change.after().filter("true"::equals).isPresent()
              ? text(
                  "revision.change.exploited", "Advisory {0}: now known to be exploited", subject)
              : text(
                  "revision.change.notExploited",
                  "Advisory {0}: no longer marked as exploited",
                  subject);
      case ADVISORY_DETAILS ->
          text("revision.change.details", "Advisory {0}: details corrected", subject);
      case PARTNERS -> text("revision.change.partners", "Coordination partners corrected");
      case NOTES -> text("revision.change.notes", "Notes corrected");
      case OTHER -> text("revision.change.other", "Other corrections");
    };
  }

  /** A headline figure: old and new value, or added, or withdrawn. */
  private String tally(Amendment change, Bulletin bulletin) {
    String key = change.subject().orElse("");
    String label = bulletin.config().catalogue().find(key).map(labels::label).orElse(key);
    if (change.before().isEmpty()) {
      return text("revision.change.added", "{0}: {1} (added)", label, count(change.after()));
    }
    if (change.after().isEmpty()) {
      return text(
          "revision.change.removed", "{0}: withdrawn (was {1})", label, count(change.before()));
    }
    return text(
        "revision.change.value",
        "{0}: {1} \u2192 {2}",
        label,
        count(change.before()),
        count(change.after()));
  }

  private String product(Week week, String id) {
    return week.advisories().stream()
        .filter(a -> a.id().equals(id))
        .findFirst()
        .map(Advisory::product)
        .orElse(id);
  }

  private String count(Optional<String> value) {
    return value.map(v -> formats.number(Long.parseLong(v))).orElseGet(this::none);
  }

  private String value(Optional<String> value) {
    return value.orElseGet(this::none);
  }

  private String issue(Optional<String> value) {
    return value
        .map(
            v ->
                messages.format(
                    "issue.line", v.substring(0, v.indexOf('/')), v.substring(v.indexOf('/') + 1)))
        .orElseGet(this::none);
  }

  private String time(Optional<String> value, Bulletin bulletin) {
    ZoneId zone = bulletin.config().issuer().zone();
    return value.map(v -> formats.dateTime(OffsetDateTime.parse(v), zone)).orElseGet(this::none);
  }

  private String tlp(Optional<String> code) {
    return code.map(c -> Tlp.fromCode(c).label()).orElseGet(this::none);
  }

  /** A code in the edition's words ({@code severity.high}: High). */
  private String word(String prefix, Optional<String> code) {
    return code.map(c -> messages.getOr(prefix + c, c)).orElseGet(this::none);
  }

  private String none() {
    return messages.getOr("revision.none", "\u2013");
  }

  /** The edition's day of {@code instant} in the issuer's zone ({@code 27 December 2024}). */
  private String date(Instant instant, ZoneId zone) {
    return formats.date(instant.atZone(zone).toLocalDate());
  }

  private String text(String key, String fallback, Object... args) {
    return messages.formatOr(key, fallback, args);
  }
}
