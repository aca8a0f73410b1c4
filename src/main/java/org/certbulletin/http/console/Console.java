package org.certbulletin.http.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.certbulletin.http.SignInLimits;
import org.certbulletin.service.Application;

/**
 * The web console {@code serve} offers beside the API, at {@code /console/}: server-rendered pages
 * (FreeMarker) that work without JavaScript, in English and Chinese, calling the same service as
 * the API under the same authentication, roles, clearance and audit.
 */
public final class Console {

  /** The console's own files: its style and its one script (no inline code: a strict CSP). */
  private static final Map<String, String> ASSETS =
      Map.of(
          "console.css", "text/css; charset=utf-8", "console.js", "text/javascript; charset=utf-8");

  private Console() {}

  /** Adds the console's pages to the server {@code config} configures. */
  public static void install(JavalinConfig config, Application services, SignInLimits limits) {
    ConsoleDoor door =
        new ConsoleDoor(services, new Views(who -> SubscriberPages.approves(services, who)));
    config.routes.addHttpHandler(
        HandlerType.GET, "/", ctx -> ctx.redirect("/console/", HttpStatus.SEE_OTHER));
    config.routes.addHttpHandler(
        HandlerType.GET, "/console", ctx -> ctx.redirect("/console/", HttpStatus.SEE_OTHER));
    ASSETS.forEach(
        (name, type) -> {
          byte[] bytes = asset(name);
          config.routes.addHttpHandler(
              HandlerType.GET,
              "/console/assets/" + name,
              ctx -> {
                ctx.header("Cache-Control", "private, max-age=300");
                ctx.contentType(type).result(bytes);
              });
        });
    new SessionPages(services, door, limits).install(config);
    new WeekPages(services, door).install(config);
    new ReviewPages(services, door).install(config);
    new OperatePages(services, door).install(config);
    new ImportPages(services, door).install(config);
    new AuditPages(services, door).install(config);
    new UserPages(services, door).install(config);
    new SubscriberPages(services, door).install(config);
  }

  private static byte[] asset(String name) {
    try (InputStream in = Console.class.getResourceAsStream("assets/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the console's " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
