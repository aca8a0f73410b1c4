package org.certbulletin.http.subscribe;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.certbulletin.service.Application;

/**
 * The pages readers use, at {@code /subscriptions/}, served beside the API and the console: the
 * lists they may join and a sign-up form for each (double opt-in), the confirmation and unsubscribe
 * links mailed to them (RFC 8058 one-click included), and their own data (see, change, export,
 * delete). Server-rendered, in English and Chinese, working without JavaScript but for the
 * sign-up's proof of work.
 */
public final class Subscribe {

  /** The pages' own files: the style, and the script that does the proof of work. */
  private static final Map<String, String> ASSETS =
      Map.of(
          "subscribe.css",
          "text/css; charset=utf-8",
          "subscribe.js",
          "text/javascript; charset=utf-8");

  private Subscribe() {}

  /** Adds the readers' pages to the server {@code config} configures. */
  public static void install(JavalinConfig config, Application services) {
    ReaderDoor door = new ReaderDoor(services);
    config.routes.addHttpHandler(
        HandlerType.GET,
        "/subscriptions",
        ctx -> ctx.redirect("/subscriptions/", HttpStatus.SEE_OTHER));
    ASSETS.forEach(
        (name, type) -> {
          byte[] bytes = asset(name);
          config.routes.addHttpHandler(
              HandlerType.GET,
              "/subscriptions/assets/" + name,
              ctx -> {
                ctx.header("Cache-Control", "public, max-age=300");
                ctx.contentType(type).result(bytes);
              });
        });
    new SignupPages(services, door).install(config);
    new LinkPages(services, door).install(config);
    new ManagePages(services, door).install(config);
  }

  private static byte[] asset(String name) {
    try (InputStream in = Subscribe.class.getResourceAsStream("assets/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the readers' pages' " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
