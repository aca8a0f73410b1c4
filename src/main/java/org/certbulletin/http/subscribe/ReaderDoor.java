package org.certbulletin.http.subscribe;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.certbulletin.http.PageTemplates;
import org.certbulletin.http.console.UiLanguage;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Problem;
import org.certbulletin.service.Application;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.Subscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of the readers' pages: no session, no cookie needed (the sealed link is the authority
 * where there is one); a strict policy (no inline code); pages in the reader's language among the
 * bulletin's; bodies of at most {@value #MAX_BODY} bytes; forms refused when another site made the
 * browser post them, but for the one-click unsubscribe (a mail client posts it from anywhere);
 * every post counted per client (and the forms that mail an address per address), each limit's
 * first refusal in a window written to the audit log, later ones not (a flood cannot flood the
 * log). Failures are pages that say what to do, never a stack trace; the audit log never holds a
 * link's token or an address.
 */
final class ReaderDoor {

  private static final Logger log = LoggerFactory.getLogger(ReaderDoor.class);

  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  /** The largest form body read: the sign-up form with every choice is far smaller. */
  static final int MAX_BODY = 16 * 1024;

  /** How a route is reached, and so what the door asks of it. */
  enum Kind {
    /** A page to look at (GET). */
    PAGE,
    /** A form that mails an address: counted per client and per address. */
    MAILS,
    /** A form that acts on a sealed link: counted per client. */
    LINK,
    /** RFC 8058's one-click unsubscribe: from any site, counted per client. */
    ONE_CLICK
  }

  /** One request: the reader's language and address. */
  record Reader(UiLanguage language, String from) {
    Locale locale() {
      return language.locale();
    }
  }

  /** What a page does. */
  @FunctionalInterface
  interface Page {
    void handle(Context ctx, Reader reader) throws Exception;
  }

  /** A refusal of the door or a page, with the status and the words that say what to do. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String key;
    final transient Object[] args;

    Refusal(int status, String key, Object... args) {
      super(key, null, false, false);
      this.status = status;
      this.key = key;
      this.args = args;
    }
  }

  private final Application services;
  private final PageTemplates pages;
  private final Flood clients;
  private final Flood addresses;
  private final Flood links;
  private final Flood everyone;

  /** Messages the forms may ask for in an hour, from everyone together (this node). */
  static final int MAILS_AN_HOUR = 500;

  ReaderDoor(Application services) {
    this.services = services;
    this.pages =
        new PageTemplates(
            ReaderDoor.class,
            "subscribe",
            Arrays.stream(UiLanguage.values()).map(UiLanguage::locale).toList());
    this.clients = new Flood(services.clock(), 10, Duration.ofMinutes(10), 10_000);
    this.addresses = new Flood(services.clock(), 3, Duration.ofHours(1), 10_000);
    this.links = new Flood(services.clock(), 120, Duration.ofMinutes(10), 10_000);
    this.everyone = new Flood(services.clock(), MAILS_AN_HOUR, Duration.ofHours(1), 1);
  }

  PageTemplates pages() {
    return pages;
  }

  void route(
      JavalinConfig config,
      HandlerType method,
      String path,
      String operation,
      Kind kind,
      Page page) {
    config.routes.addHttpHandler(method, path, ctx -> run(ctx, operation, kind, page));
  }

  private void run(Context ctx, String operation, Kind kind, Page page) {
    ctx.header("Content-Security-Policy", POLICY);
    Reader reader = new Reader(language(ctx), ctx.ip());
    try {
      if (kind != Kind.PAGE) {
        admit(ctx, operation, kind, reader);
      }
      page.handle(ctx, reader);
    } catch (Refusal e) {
      refusal(ctx, reader, e.status, pages.word(reader.locale(), e.key, e.args));
    } catch (ServiceFailure.Failed e) {
      log.error("reader page {} {} failed: {}", operation, ctx.path(), e.getMessage());
      refusal(ctx, reader, 500, pages.word(reader.locale(), "refused.failed"));
    } catch (ServiceFailure.Busy e) {
      ctx.header("Retry-After", "60");
      refusal(ctx, reader, 503, pages.word(reader.locale(), "refused.busy"));
    } catch (ServiceFailure.NotFound e) {
      refusal(ctx, reader, 404, pages.word(reader.locale(), "refused.notFound"));
    } catch (ServiceFailure e) {
      audit(operation, "", reader, refusedPointer(e));
      refusal(ctx, reader, 400, badInput(reader, e));
    } catch (Exception e) {
      // the path only: a query holds a link's token
      log.error("reader page {} {} failed", operation, ctx.path(), e);
      refusal(ctx, reader, 500, pages.word(reader.locale(), "refused.failed"));
    }
  }

  /** The checks of a post, before it is read: counted, from where, how large. */
  private void admit(Context ctx, String operation, Kind kind, Reader reader) {
    Flood flood = kind == Kind.MAILS ? clients : links;
    Flood.Verdict verdict = flood.count(kind.name() + " " + client(reader.from()));
    if (verdict != Flood.Verdict.ALLOWED) {
      if (verdict == Flood.Verdict.REFUSED_FIRST) {
        audit(
            operation,
            "",
            reader,
            "too many requests from this client: refused for up to "
                + flood.minutes()
                + " minutes");
      }
      ctx.header("Retry-After", Long.toString(flood.minutes() * 60));
      throw new Refusal(429, "refused.flood", flood.minutes());
    }
    if (kind != Kind.ONE_CLICK && "cross-site".equals(ctx.header("Sec-Fetch-Site"))) {
      audit(operation, "", reader, "a form posted from another site");
      throw new Refusal(403, "refused.crossSite");
    }
    long length = ctx.contentLength();
    if (length > MAX_BODY || (length < 0 && ctx.bodyAsBytes().length > MAX_BODY)) {
      audit(operation, "", reader, "a form larger than " + MAX_BODY + " bytes");
      throw new Refusal(413, "refused.tooLarge");
    }
  }

  /**
   * Counts a message asked for {@code address}: a few an hour, whoever asks.
   *
   * @throws Refusal 429 past the limit
   */
  void countAddress(String operation, String list, String address, Reader reader) {
    Flood.Verdict verdict = addresses.count(mailbox(address));
    if (verdict == Flood.Verdict.ALLOWED) {
      if (everyone.count("all") != Flood.Verdict.ALLOWED) {
        audit(operation, list, reader, "too many requests from everyone: refused for an hour");
        throw new Refusal(429, "refused.flood", 60);
      }
      return;
    }
    if (verdict == Flood.Verdict.REFUSED_FIRST) {
      audit(operation, list, reader, "too many requests for one address: refused for an hour");
    }
    throw new Refusal(429, "refused.floodAddress");
  }

  /**
   * The mailbox {@code address} reaches, as a key: lower case, without a {@code +tag} (most mail
   * servers deliver {@code victim+1@} and {@code victim+2@} to one mailbox).
   */
  static String mailbox(String address) {
    String key = address.strip().toLowerCase(Locale.ROOT);
    int at = key.lastIndexOf('@');
    int plus = key.indexOf('+');
    return plus > 0 && plus < at ? key.substring(0, plus) + key.substring(at) : key;
  }

  /**
   * The client {@code from} names, as a key: an IPv4 address, or the /64 network of an IPv6 one
   * (one host commonly holds a whole /64).
   */
  static String client(String from) {
    if (from == null || from.indexOf(':') < 0) {
      return String.valueOf(from);
    }
    try {
      byte[] bytes = java.net.InetAddress.getByName(from).getAddress();
      if (bytes.length != 16) {
        return from;
      }
      return java.util.HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
    } catch (java.net.UnknownHostException e) {
      return from;
    }
  }

  /** Writes a refusal the door or a page made to the audit log. */
  void audit(String operation, String target, Reader reader, String detail) {
    try {
      services
          .access()
          .audit(
              Subscriptions.READER,
              operation,
              target,
              reader.from(),
              AuditEntry.Outcome.REFUSED,
              detail);
    } catch (RuntimeException e) {
      log.error("cannot write the audit line of {}", operation, e);
    }
  }

  /** Renders {@code template} as the answer, with the words and languages every page has. */
  void render(Context ctx, Reader reader, int status, String template, Map<String, Object> model) {
    Map<String, Object> all = new LinkedHashMap<>(model);
    all.put("t", pages.words(reader.locale()));
    all.put("lang", reader.language().tag());
    List<Map<String, String>> others =
        !ctx.method().equals(HandlerType.GET)
            ? List.of()
            : offered().stream()
                .filter(l -> l != reader.language())
                .map(l -> Map.of("tag", l.tag(), "name", l.selfName(), "href", here(ctx, l)))
                .toList();
    all.put("otherLanguages", others);
    ctx.status(status);
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(pages.render(template, all));
  }

  String word(Reader reader, String key, Object... args) {
    return pages.word(reader.locale(), key, args);
  }

  private void refusal(Context ctx, Reader reader, int status, String message) {
    render(ctx, reader, status, "refused.ftlh", Map.of("status", status, "message", message));
  }

  private String badInput(Reader reader, ServiceFailure e) {
    String pointer = refusedPointer(e);
    String key = "refused.input" + pointer.replace('/', '.');
    String words = pages.words(reader.locale()).get(key);
    return words != null ? words : pages.word(reader.locale(), "refused.input", e.getMessage());
  }

  private static String refusedPointer(ServiceFailure e) {
    if (e instanceof ServiceFailure.BadInput bad && !bad.problems().isEmpty()) {
      Problem first = bad.problems().get(0);
      return first.pointer();
    }
    return "";
  }

  /** The reader's language: among the bulletin's that the pages have words for, else English. */
  private UiLanguage language(Context ctx) {
    UiLanguage chosen = UiLanguage.of(ctx, offered());
    String asked = ctx.queryParam("lang");
    if (asked != null
        && UiLanguage.of(asked).equals(java.util.Optional.of(chosen))
        && ctx.method().equals(HandlerType.GET)) {
      ctx.res()
          .addHeader(
              "Set-Cookie",
              UiLanguage.COOKIE + "=" + chosen.tag() + "; Path=/; SameSite=Lax; HttpOnly");
    }
    return chosen;
  }

  private Set<UiLanguage> offered() {
    Set<UiLanguage> offered = EnumSet.of(UiLanguage.EN);
    try {
      for (Locale language : services.signupTopics().languages()) {
        UiLanguage.of(language.toLanguageTag()).ifPresent(offered::add);
      }
    } catch (RuntimeException e) {
      log.debug("the bulletin's languages cannot be read: {}", e.getMessage());
    }
    return offered;
  }

  /** This page in {@code language}: its query kept, {@code lang} replaced. */
  private static String here(Context ctx, UiLanguage language) {
    StringBuilder query = new StringBuilder();
    ctx.queryParamMap()
        .forEach(
            (name, values) -> {
              if (!name.equals("lang")) {
                for (String v : values) {
                  query
                      .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                      .append('=')
                      .append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                      .append('&');
                }
              }
            });
    return ctx.path() + "?" + query + "lang=" + language.tag();
  }
}
