package org.certbulletin.http.subscribe;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.http.subscribe.ReaderDoor.Kind;
import org.certbulletin.http.subscribe.ReaderDoor.Reader;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Preferences;
import org.certbulletin.service.Application;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.Subscriptions;

/**
 * The pages that mail an address: the lists readers may join, a list's sign-up form, and the form
 * that asks for a link to manage one's subscription. Both forms carry a proof-of-work challenge and
 * answer the same page whatever the address is (new, subscribed, rejected, unknown).
 */
final class SignupPages {

  private final Application services;
  private final ReaderDoor door;

  SignupPages(Application services, ReaderDoor door) {
    this.services = services;
    this.door = door;
  }

  void install(JavalinConfig config) {
    door.route(config, HandlerType.GET, "/subscriptions/", "listSignups", Kind.PAGE, this::lists);
    door.route(
        config,
        HandlerType.GET,
        "/subscriptions/join/{list}",
        "requestSubscription",
        Kind.PAGE,
        this::form);
    door.route(
        config,
        HandlerType.POST,
        "/subscriptions/join/{list}",
        "requestSubscription",
        Kind.MAILS,
        this::join);
    door.route(
        config,
        HandlerType.POST,
        "/subscriptions/manage",
        "requestManageLink",
        Kind.MAILS,
        this::askManageLink);
  }

  private void lists(Context ctx, Reader reader) {
    List<Map<String, Object>> lists =
        services.subscriptions().openLists().stream()
            .map(
                l ->
                    Map.<String, Object>of(
                        "name", l.name(),
                        "description", l.description(),
                        "clearance", l.clearance().label(),
                        "vetted", l.vetted()))
            .toList();
    door.render(ctx, reader, 200, "lists.ftlh", Map.of("lists", lists));
  }

  private DistributionList list(Context ctx) {
    return services
        .subscriptions()
        .openList(ctx.pathParam("list"))
        .orElseThrow(() -> new ServiceFailure.NotFound("no list to join"));
  }

  private void form(Context ctx, Reader reader) {
    DistributionList list = list(ctx);
    Optional<Locale> language =
        services.signupTopics().languages().contains(reader.locale())
            ? Optional.of(reader.locale())
            : list.language();
    showForm(ctx, reader, 200, list, Preferences.EVERYTHING, language, Optional.of(list.format()));
  }

  private void showForm(
      Context ctx,
      Reader reader,
      int status,
      DistributionList list,
      Preferences chosen,
      Optional<Locale> language,
      Optional<DistributionList.Format> format) {
    Map<String, Object> model =
        new LinkedHashMap<>(
            ChoiceForm.model(
                services.signupTopics().offer(reader.locale()),
                chosen,
                services.signupTopics().languages(),
                reader.locale(),
                language,
                format));
    model.put("list", list.name());
    model.put("description", list.description());
    model.put("clearance", list.clearance().label());
    model.put("vetted", list.vetted());
    model.put("challenge", services.subscriptions().challenge());
    model.put("address", ChoiceForm.field(ctx, "address"));
    model.put("organisation", ChoiceForm.field(ctx, "organisation"));
    door.render(ctx, reader, status, "join.ftlh", model);
  }

  private void join(Context ctx, Reader reader) {
    DistributionList list = list(ctx);
    ChoiceForm.checkLines(ctx);
    proveWork(ctx, reader, "requestSubscription", list.name());
    String address = ChoiceForm.field(ctx, "address");
    door.countAddress("requestSubscription", list.name(), address, reader);
    String organisation = ChoiceForm.field(ctx, "organisation");
    services
        .subscriptions()
        .request(
            new Subscriptions.Request(
                list.name(),
                address,
                ChoiceForm.language(ctx),
                ChoiceForm.format(ctx),
                ChoiceForm.preferences(ctx),
                organisation.isEmpty() ? Optional.empty() : Optional.of(organisation)),
            reader.from());
    sent(ctx, reader);
  }

  private void askManageLink(Context ctx, Reader reader) {
    ChoiceForm.checkLines(ctx);
    String list = ChoiceForm.field(ctx, "list");
    proveWork(ctx, reader, "requestManageLink", list);
    String address = ChoiceForm.field(ctx, "address");
    door.countAddress("requestManageLink", list, address, reader);
    services.subscriptions().requestManageLink(list, address, reader.from());
    sent(ctx, reader);
  }

  /** The one answer to a form that mails an address, whatever the address. */
  private void sent(Context ctx, Reader reader) {
    door.render(
        ctx,
        reader,
        200,
        "message.ftlh",
        Map.of(
            "title", door.word(reader, "sent.title"),
            "message", door.word(reader, "sent.message")));
  }

  private void proveWork(Context ctx, Reader reader, String operation, String list) {
    String challenge = ChoiceForm.field(ctx, "challenge");
    String work = ChoiceForm.field(ctx, "work");
    if (!services.subscriptions().solved(challenge, work)) {
      door.audit(
          operation,
          list.length() > 40 ? list.substring(0, 40) : list,
          reader,
          work.isEmpty() ? "no proof of work (no JavaScript?)" : "proof of work not valid");
      throw new ReaderDoor.Refusal(400, work.isEmpty() ? "refused.noWork" : "refused.work");
    }
  }

  /** The form asking for a link to manage a subscription: the lists, an address. */
  static Map<String, Object> manageForm(Application services) {
    return Map.of(
        "lists",
        services.subscriptions().openLists().stream()
            .map(l -> Map.of("name", l.name(), "description", l.description()))
            .toList(),
        "challenge",
        services.subscriptions().challenge());
  }
}
