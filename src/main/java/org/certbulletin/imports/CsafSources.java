package org.certbulletin.imports;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.certbulletin.ingest.JsonDocumentReader;
import org.certbulletin.ingest.SourceDocument;
import org.certbulletin.model.InvalidDataException;
import tools.jackson.databind.JsonNode;

/**
 * Finds the CSAF documents a location names: a file; a folder (its documents released in the week);
 * or an https address of a document, of a ROLIE feed, or of a provider's {@code
 * provider-metadata.json} (the documents its feeds or directory list as released in the week).
 */
final class CsafSources {

  private static final Pattern LINE = Pattern.compile("\\r?\\n");

  private final Fetcher fetcher;
  private final JsonDocumentReader reader;
  private final WeekWindow week;
  private final ImportReport report;

  CsafSources(Fetcher fetcher, JsonDocumentReader reader, WeekWindow week, ImportReport report) {
    this.fetcher = fetcher;
    this.reader = reader;
    this.week = week;
    this.report = report;
  }

  /**
   * A document to read (read only when asked, so a folder or feed is never held in memory at once),
   * and whether it is taken only if released in the week.
   */
  record Candidate(String name, Supplier<Fetched> reader, boolean weekOnly) {

    Fetched read() {
      return reader.get();
    }
  }

  List<Candidate> candidates(String location) {
    if (!Fetcher.isAddress(location)) {
      Path path = Path.of(location);
      if (Files.isDirectory(path)) {
        return folder(path, location);
      }
      return List.of(new Candidate(location, () -> fetcher.readFile(path, location), false));
    }
    Fetched fetched = fetcher.read(location);
    JsonNode root = parse(fetched).root();
    if (root.has("distributions") || root.has("canonical_url")) {
      return provider(fetched, root);
    }
    if (root.has("feed")) {
      return feed(fetched, root.get("feed"));
    }
    return List.of(new Candidate(location, () -> fetched, false));
  }

  private List<Candidate> folder(Path folder, String name) {
    try (Stream<Path> files = Files.walk(folder, 8)) {
      List<Path> documents =
          files
              .filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().endsWith(".json"))
              .sorted()
              .toList();
      List<Candidate> candidates = new ArrayList<>();
      for (Path file : documents) {
        String shown =
            name.endsWith("/")
                ? name + folder.relativize(file)
                : name + "/" + folder.relativize(file);
        candidates.add(new Candidate(shown, () -> fetcher.readFile(file, shown), true));
      }
      return candidates;
    } catch (IOException e) {
      throw new ImportException(name + ": cannot read the folder: " + e.getMessage(), e);
    }
  }

  private List<Candidate> provider(Fetched metadata, JsonNode root) {
    List<Candidate> candidates = new ArrayList<>();
    int feeds = 0;
    for (JsonNode distribution : root.path("distributions")) {
      for (JsonNode feed : distribution.path("rolie").path("feeds")) {
        feeds++;
        try {
          Fetched fetched = fetchLinked(metadata, feed.path("url").asString(""));
          candidates.addAll(feed(fetched, parse(fetched).root().path("feed")));
        } catch (ImportException e) {
          report.rejected(
              e.getMessage() + " (a feed of " + metadata.name() + "; its documents were not read)");
        }
      }
      String directory = distribution.path("directory_url").asString("");
      if (!directory.isEmpty()) {
        feeds++;
        try {
          candidates.addAll(directory(metadata, directory));
        } catch (ImportException e) {
          report.rejected(e.getMessage() + " (the directory of " + metadata.name() + ")");
        }
      }
    }
    if (feeds == 0) {
      throw new ImportException(
          metadata.name() + ": the provider metadata lists no ROLIE feed and no directory");
    }
    return candidates;
  }

  private List<Candidate> feed(Fetched feed, JsonNode root) {
    List<Candidate> candidates = new ArrayList<>();
    int outside = 0;
    for (JsonNode entry : root.path("entry")) {
      String updated = entry.path("updated").asString(entry.path("published").asString(""));
      if (!week.contains(updated)) {
        outside++;
        continue;
      }
      String source = entry.path("content").path("src").asString("");
      if (source.isEmpty()) {
        for (JsonNode link : entry.path("link")) {
          if ("self".equals(link.path("rel").asString(""))) {
            source = link.path("href").asString("");
          }
        }
      }
      String link = source;
      candidates.add(new Candidate(link, () -> fetchLinked(feed, link), true));
    }
    report.note(
        feed.name()
            + ": "
            + candidates.size()
            + " document(s) released in "
            + week.week()
            + ", "
            + outside
            + " outside it");
    return candidates;
  }

  /** A provider's directory: its {@code changes.csv} lists each document with its release. */
  private List<Candidate> directory(Fetched metadata, String directory) {
    String base = directory.endsWith("/") ? directory : directory + "/";
    Fetched changes = fetchLinked(metadata, base + "changes.csv");
    List<Candidate> candidates = new ArrayList<>();
    for (String line :
        LINE.splitAsStream(new String(changes.bytes(), StandardCharsets.UTF_8)).toList()) {
      int comma = line.indexOf(',');
      if (comma > 0 && week.contains(unquote(line.substring(comma + 1)))) {
        String link = base + unquote(line.substring(0, comma));
        candidates.add(new Candidate(link, () -> fetchLinked(changes, link), true));
      }
    }
    return candidates;
  }

  private Fetched fetchLinked(Fetched from, String link) {
    if (link.isEmpty()) {
      throw new ImportException(from.name() + ": a link without an address");
    }
    URI target;
    try {
      target = from.address().resolve(link.strip());
    } catch (IllegalArgumentException e) {
      throw new ImportException(
          from.name()
              + ": '"
              + Urls.shown(Texts.cut(link, 200))
              + "' is not a valid address: "
              + (e.getCause() instanceof java.net.URISyntaxException syntax
                  ? syntax.getReason()
                  : "it cannot be resolved against " + from.address()));
    }
    return fetcher.fetch(target, target.toString());
  }

  private SourceDocument parse(Fetched fetched) {
    try {
      return reader.parse(fetched.bytes(), fetched.name());
    } catch (InvalidDataException e) {
      throw new ImportException(e.problems().get(0).toString());
    }
  }

  private static String unquote(String text) {
    String t = text.strip();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")
        ? t.substring(1, t.length() - 1)
        : t;
  }
}
