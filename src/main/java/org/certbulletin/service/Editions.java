package org.certbulletin.service;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.certbulletin.files.Digests;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Config;
import org.certbulletin.model.Format;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.UnprintedTextException;

/**
 * One week's edition for one reader: in a language of the bulletin, at a TLP label from the week's
 * own up to the reader's clearance, as HTML, PDF or the edition's JSON. Rendered in memory with the
 * warm renderer; the last few are kept, under a tag made of the digest of every input, so that a
 * reader asking again for an unchanged edition gets it without a render (or a 304).
 */
public final class Editions {

  /** The formats an edition comes in, with their media types. */
  public enum Kind {
    HTML("text/html; charset=utf-8"),
    PDF("application/pdf"),
    JSON("application/json");

    private final String mediaType;

    Kind(String mediaType) {
      this.mediaType = mediaType;
    }

    public String mediaType() {
      return mediaType;
    }

    /** The code in addresses: {@code pdf}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a code ({@code html}, {@code pdf}, {@code json}).
     *
     * @throws ServiceFailure.BadInput naming the codes
     */
    public static Kind of(String code) {
      for (Kind kind : values()) {
        if (kind.code().equals(code)) {
          return kind;
        }
      }
      throw new ServiceFailure.BadInput(
          "unknown format '" + code + "'; use html, pdf or json", java.util.List.of());
    }
  }

  /** An edition's bytes and the tag that names this exact content. */
  @SuppressWarnings("ArrayRecordComponent") // the edition's bytes; never compared or hashed
  public record Edition(
      WeekId week, Locale language, Tlp tlp, Kind kind, byte[] bytes, String etag) {}

  private static final int KEPT = 24;

  private final BulletinService bulletins;

  /** The last editions asked for, by tag: never the only copy, so a plain bounded map will do. */
  private final Map<String, Edition> kept = bounded(KEPT);

  /** The bulletins read last, by the digest of their inputs and their language. */
  private final Map<String, Bulletin> read = bounded(8);

  /** The editions being rendered now, by tag. */
  private final Map<String, CompletableFuture<Edition>> rendering = new ConcurrentHashMap<>();

  public Editions(BulletinService bulletins) {
    this.bulletins = bulletins;
  }

  /**
   * The tag of the edition {@link #get} would return, known without rendering it.
   *
   * @throws ServiceFailure.NotFound if the week has no file or the bulletin no such language
   * @throws ServiceFailure.Forbidden if the edition is marked above {@code reader}'s clearance
   * @throws ServiceFailure.BadInput if the week's data is invalid, or the label is below the week's
   *     own
   */
  public String tag(
      Principal reader, WeekId week, Optional<String> language, Optional<Tlp> tlp, Kind kind) {
    return resolve(bulletins.reread(), reader, week, language, tlp, kind).etag();
  }

  /**
   * The edition, rendered now or kept from an earlier request; see {@link #tag}. Readers asking at
   * once for an edition no one has rendered yet wait for one render of it.
   */
  public Edition get(
      Principal reader, WeekId week, Optional<String> language, Optional<Tlp> tlp, Kind kind) {
    BulletinService service = bulletins.reread();
    Wanted wanted = resolve(service, reader, week, language, tlp, kind);
    Optional<Edition> found = kept(wanted.etag());
    if (found.isPresent()) {
      return found.get();
    }
    CompletableFuture<Edition> mine = new CompletableFuture<>();
    CompletableFuture<Edition> running = rendering.putIfAbsent(wanted.etag(), mine);
    if (running != null) {
      return awaited(running);
    }
    try {
      // another reader may have finished rendering it since it was looked for, or a build
      Edition edition =
          kept(wanted.etag())
              .or(() -> built(service, wanted))
              .orElseGet(() -> service.inRenderSlot(() -> render(service, wanted)));
      synchronized (kept) {
        kept.put(edition.etag(), edition);
      }
      mine.complete(edition);
      return edition;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      rendering.remove(wanted.etag(), mine);
    }
  }

  private Optional<Edition> kept(String etag) {
    synchronized (kept) {
      return Optional.ofNullable(kept.get(etag));
    }
  }

  /** The edition another reader's request is rendering, or its failure as that request had it. */
  private static Edition awaited(CompletableFuture<Edition> running) {
    try {
      return running.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private record Wanted(
      Bulletin bulletin, Locale language, Tlp tlp, Kind kind, String fingerprint, String etag) {}

  /**
   * The edition as a build of the week from the same inputs rendered it, if one did: a build
   * renders each language at the week's own label.
   */
  private static Optional<Edition> built(BulletinService service, Wanted wanted) {
    return service
        .builtPart(wanted.fingerprint(), wanted.language())
        .filter(part -> part.tlp() == wanted.tlp())
        .flatMap(
            part ->
                Optional.ofNullable(
                    switch (wanted.kind()) {
                      case JSON -> part.json();
                      case HTML -> part.files().get(Format.HTML);
                      case PDF -> part.files().get(Format.PDF);
                    }))
        .map(
            bytes ->
                new Edition(
                    wanted.bulletin().week().id(),
                    wanted.language(),
                    wanted.tlp(),
                    wanted.kind(),
                    served(wanted, bytes),
                    wanted.etag()));
  }

  /**
   * The edition as the API serves it: an HTML page's links to its translations lead to their
   * addresses in the API ({@code ../en/html}), not to the files beside it in the archive.
   */
  private static byte[] served(Wanted wanted, byte[] bytes) {
    if (wanted.kind() != Kind.HTML) {
      return bytes;
    }
    Config config = wanted.bulletin().config();
    if (config.languages().size() < 2) {
      return bytes;
    }
    String query =
        wanted.tlp() == wanted.bulletin().week().tlp().max(Tlp.CLEAR)
            ? ""
            : "?tlp=" + wanted.tlp().code();
    String html = new String(bytes, StandardCharsets.UTF_8);
    for (Locale language : config.languages()) {
      String file =
          OutputLayout.inLanguage(Format.HTML.fileName(), language, config.mainLanguage());
      html =
          html.replace(
              "href=\"" + file + "\"",
              "href=\"../" + language.toLanguageTag() + "/html" + query + "\"");
    }
    return html.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * What {@code reader} asks for, checked. The week's bulletin is read once for each digest of its
   * inputs and language (a request for an edition asks for its tag first, then for the edition); a
   * file that changes while it is read is read again, so that a tag always names what was read.
   */
  private Wanted resolve(
      BulletinService service,
      Principal reader,
      WeekId week,
      Optional<String> language,
      Optional<Tlp> tlp,
      Kind kind) {
    BulletinService reading = service;
    DataDirectory data = reading.data();
    if (data.rawBytes(data.weekFile(week)).isEmpty()) {
      throw new ServiceFailure.NotFound("week " + week + " has no data file");
    }
    try {
      Config config = data.config();
      Locale locale = language.map(tag -> languageOf(config, tag)).orElse(config.mainLanguage());
      String fingerprint = reading.fingerprint(week);
      Bulletin bulletin;
      synchronized (read) {
        bulletin = read.get(fingerprint + " " + locale.toLanguageTag());
      }
      for (int attempt = 0; bulletin == null; attempt++) {
        Bulletin fresh = data.bulletin(week, locale);
        String after = reading.fingerprint(week);
        if (after.equals(fingerprint)) {
          bulletin = fresh;
          synchronized (read) {
            read.put(fingerprint + " " + locale.toLanguageTag(), fresh);
          }
        } else if (attempt < 3) {
          fingerprint = after;
          reading = service.reread(); // this one keeps what it read
          data = reading.data();
        } else {
          throw new ServiceFailure.Busy(
              "week " + week + " keeps changing while it is read; try again in a moment", null);
        }
      }
      Tlp own = bulletin.week().tlp();
      Tlp label = tlp.orElse(own.max(Tlp.CLEAR));
      if (label.compareTo(own) < 0) {
        throw new ServiceFailure.BadInput(
            "week "
                + week
                + " is marked "
                + own.label()
                + ": it has no "
                + label.label()
                + " edition; ask for "
                + own.label()
                + " or above",
            java.util.List.of());
      }
      if (!reader.cleared(label)) {
        throw new ServiceFailure.Forbidden(
            "the "
                + label.label()
                + " edition of "
                + week
                + " is above your clearance ("
                + reader.clearance().label()
                + ")");
      }
      String etag =
          "\""
              + Digests.sha256(
                  (fingerprint + " " + locale.toLanguageTag() + " " + label.code() + " " + kind)
                      .getBytes(StandardCharsets.UTF_8))
              + "\"";
      return new Wanted(bulletin, locale, label, kind, fingerprint, etag);
    } catch (InvalidDataException e) {
      throw new ServiceFailure.BadInput(
          "week " + week + " cannot be rendered: its data has problems; run validate",
          WeekDocuments.forClients(service.workspace().data(), e.problems()));
    }
  }

  /** A map that keeps the {@code size} entries used last. */
  private static <V> Map<String, V> bounded(int size) {
    return new LinkedHashMap<>(size, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > size;
      }
    };
  }

  private static Locale languageOf(Config config, String tag) {
    Locale wanted = Locale.forLanguageTag(tag);
    return config.languages().stream()
        .filter(l -> l.toLanguageTag().equalsIgnoreCase(wanted.toLanguageTag()))
        .findFirst()
        .orElseThrow(
            () ->
                new ServiceFailure.NotFound(
                    "the bulletin has no edition in '"
                        + tag
                        + "'; it is written in "
                        + config.languages().stream()
                            .map(Locale::toLanguageTag)
                            .collect(Collectors.joining(", "))));
  }

  private static Edition render(BulletinService service, Wanted wanted) {
    Bulletin edition = wanted.bulletin().editionFor(wanted.tlp());
    byte[] json = WeekWriter.write(edition);
    byte[] bytes;
    try {
      bytes =
          switch (wanted.kind()) {
            case JSON -> json;
            case HTML, PDF -> {
              Format format = wanted.kind() == Kind.HTML ? Format.HTML : Format.PDF;
              yield service
                  .renderer()
                  .render(edition, json, EnumSet.of(format))
                  .file(format)
                  .orElseThrow();
            }
          };
    } catch (UnprintedTextException e) {
      throw new ServiceFailure.BadInput(e.getMessage(), java.util.List.of());
    }
    return new Edition(
        edition.week().id(),
        wanted.language(),
        wanted.tlp(),
        wanted.kind(),
        served(wanted, bytes),
        wanted.etag());
  }
}
