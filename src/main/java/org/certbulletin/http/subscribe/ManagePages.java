package org.certbulletin.http.subscribe;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.http.subscribe.ReaderDoor.Kind;
import org.certbulletin.http.subscribe.ReaderDoor.Reader;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Subscriber;
import org.certbulletin.service.Application;
import org.certbulletin.service.SubscriberData;
import org.certbulletin.service.Subscriptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * A subscriber's own page, from the link mailed to them: what is kept about them (status, language,
 * format, choices, organisation, dates, the messages sent), a form to change their choices, the
 * data as a JSON download, and deleting it, after a page that asks once more. Without a link, the
 * page asks for the list and the address and mails one.
 */
final class ManagePages {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Application services;
  private final ReaderDoor door;

  ManagePages(Application services, ReaderDoor door) {
    this.services = services;
    this.door = door;
  }

  void install(JavalinConfig config) {
    door.route(
        config, HandlerType.GET, "/subscriptions/manage", "getSubscription", Kind.PAGE, this::show);
    door.route(
        config,
        HandlerType.POST,
        "/subscriptions/manage/choices",
        "updateSubscription",
        Kind.LINK,
        this::choose);
    door.route(
        config,
        HandlerType.GET,
        "/subscriptions/manage/export",
        "exportSubscription",
        Kind.PAGE,
        this::export);
    door.route(
        config,
        HandlerType.GET,
        "/subscriptions/manage/delete",
        "deleteSubscription",
        Kind.PAGE,
        this::askDelete);
    door.route(
        config,
        HandlerType.POST,
        "/subscriptions/manage/delete",
        "deleteSubscription",
        Kind.LINK,
        this::delete);
  }

  private void show(Context ctx, Reader reader) {
    String token = LinkPages.token(ctx);
    if (token.isEmpty()) {
      door.render(ctx, reader, 200, "manage-ask.ftlh", SignupPages.manageForm(services));
      return;
    }
    page(ctx, reader, token, false);
  }

  private void page(Context ctx, Reader reader, String token, boolean saved) {
    Subscriptions.Data data = services.subscriptions().data(token);
    Subscriber s = data.subscriber();
    Map<String, Object> model =
        new LinkedHashMap<>(
            ChoiceForm.model(
                services.signupTopics().offer(reader.locale()),
                s.preferences(),
                services.signupTopics().languages(),
                reader.locale(),
                s.language(),
                s.format()));
    model.put("token", token);
    model.put("data", SubscriberData.of(data));
    model.put(
        "list",
        services
            .subscriptions()
            .openList(s.list())
            .map(DistributionList::description)
            .orElse(s.list()));
    model.put("languageName", s.language().map(l -> l.getDisplayName(reader.locale())).orElse(""));
    model.put("saved", saved);
    door.render(ctx, reader, 200, "manage.ftlh", model);
  }

  private void choose(Context ctx, Reader reader) {
    ChoiceForm.checkLines(ctx);
    String token = LinkPages.token(ctx);
    Optional<Locale> language = ChoiceForm.language(ctx);
    services
        .subscriptions()
        .choose(
            token, language, ChoiceForm.format(ctx), ChoiceForm.preferences(ctx), reader.from());
    page(ctx, reader, token, true);
  }

  private void export(Context ctx, Reader reader) throws Exception {
    Subscriptions.Data data = services.subscriptions().data(LinkPages.token(ctx));
    byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(SubscriberData.of(data));
    ctx.header("Content-Disposition", "attachment; filename=\"subscription.json\"");
    ctx.contentType("application/json; charset=utf-8").result(json);
  }

  private void askDelete(Context ctx, Reader reader) {
    String token = LinkPages.token(ctx);
    Subscriptions.Link link = services.subscriptions().describeManage(token);
    door.render(
        ctx,
        reader,
        200,
        "delete.ftlh",
        Map.of(
            "token", token,
            "list", link.list().description(),
            "address", link.maskedAddress()));
  }

  private void delete(Context ctx, Reader reader) {
    services.subscriptions().forget(LinkPages.token(ctx), reader.from());
    door.render(
        ctx,
        reader,
        200,
        "message.ftlh",
        Map.of(
            "title", door.word(reader, "deleted.title"),
            "message", door.word(reader, "deleted.message")));
  }
}
