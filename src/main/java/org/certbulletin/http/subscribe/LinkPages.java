package org.certbulletin.http.subscribe;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.certbulletin.http.subscribe.ReaderDoor.Kind;
import org.certbulletin.http.subscribe.ReaderDoor.Reader;
import org.certbulletin.service.Application;
import org.certbulletin.service.Subscriptions;

/**
 * The pages of the links mailed to readers: a confirmation link and every message's unsubscribe
 * link show a page with a button (GET changes nothing, so a mail scanner that follows links
 * confirms and unsubscribes nobody); the button posts. The unsubscribe link also takes RFC 8058's
 * one-click post ({@code List-Unsubscribe=One-Click}) from a mail client: no cookie, no form token,
 * from any site; the sealed link is the authority, and the answer is a short page, never a
 * redirect. Unsubscribing twice changes nothing and says the same.
 */
final class LinkPages {

  private final Application services;
  private final ReaderDoor door;

  LinkPages(Application services, ReaderDoor door) {
    this.services = services;
    this.door = door;
  }

  void install(JavalinConfig config) {
    door.route(
        config,
        HandlerType.GET,
        "/subscriptions/confirm",
        "confirmSubscription",
        Kind.PAGE,
        this::showConfirm);
    door.route(
        config,
        HandlerType.POST,
        "/subscriptions/confirm",
        "confirmSubscription",
        Kind.LINK,
        this::confirm);
    door.route(
        config,
        HandlerType.GET,
        "/subscriptions/unsubscribe",
        "unsubscribe",
        Kind.PAGE,
        this::showUnsubscribe);
    door.route(
        config,
        HandlerType.POST,
        "/subscriptions/unsubscribe",
        "unsubscribe",
        Kind.ONE_CLICK,
        this::unsubscribe);
  }

  /** The link's token: a form field, else the query. */
  static String token(Context ctx) {
    String field = ctx.formParam("t");
    if (field != null && !field.isBlank()) {
      return field.strip();
    }
    String query = ctx.queryParam("t");
    return query == null ? "" : query.strip();
  }

  private void showConfirm(Context ctx, Reader reader) {
    String token = token(ctx);
    Subscriptions.Link link = services.subscriptions().describeConfirmation(token);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("token", token);
    model.put("list", link.list().description());
    model.put("address", link.maskedAddress());
    model.put("vetted", link.list().vetted());
    door.render(ctx, reader, 200, "confirm.ftlh", model);
  }

  private void confirm(Context ctx, Reader reader) {
    Subscriptions.Confirmation done = services.subscriptions().confirm(token(ctx), reader.from());
    String key =
        switch (done) {
          case SUBSCRIBED -> "confirmed.subscribed";
          case AWAITING_APPROVAL -> "confirmed.awaiting";
          case ALREADY_DONE -> "confirmed.already";
        };
    message(ctx, reader, "confirmed.title", key);
  }

  private void showUnsubscribe(Context ctx, Reader reader) {
    String token = token(ctx);
    Subscriptions.Link link = services.subscriptions().describeUnsubscribe(token);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("token", token);
    model.put("list", link.list().description());
    model.put("address", link.maskedAddress());
    // a link to manage the subscription is mailed to the address, never made from this token:
    // an unsubscribe link travels in forwarded headers and lasts a year
    door.render(ctx, reader, 200, "unsubscribe.ftlh", model);
  }

  private void unsubscribe(Context ctx, Reader reader) {
    services.subscriptions().unsubscribe(token(ctx), reader.from());
    message(ctx, reader, "unsubscribed.title", "unsubscribed.message");
  }

  private void message(Context ctx, Reader reader, String title, String message) {
    door.render(
        ctx,
        reader,
        200,
        "message.ftlh",
        Map.of("title", door.word(reader, title), "message", door.word(reader, message)));
  }
}
