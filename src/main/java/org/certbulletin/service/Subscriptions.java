package org.certbulletin.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.certbulletin.files.AtomicFiles;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Config;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.EmailAddress;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Printable;
import org.certbulletin.model.Recipient;
import org.certbulletin.model.Role;
import org.certbulletin.model.SignupSettings;
import org.certbulletin.model.Subscriber;
import org.certbulletin.model.Subscriber.Status;
import org.certbulletin.model.Tlp;
import org.certbulletin.store.Subscribers;
import org.certbulletin.subscribe.ProofOfWork;
import org.certbulletin.subscribe.SubscriberKey;
import org.certbulletin.subscribe.Token;
import org.certbulletin.subscribe.TokenSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lists' subscribers: readers who ask to join (double opt-in: nothing but the confirmation link
 * is mailed to an address that has not followed it), approvers who vet requests for lists above
 * TLP:CLEAR, readers who leave with one click or forget their data, bounces that suspend an
 * address, and the recipients a send goes to. Every change is written to the audit log, naming the
 * subscriber by its list and row id, never by its address.
 */
public final class Subscriptions {

  /** How long a confirmation link holds. */
  public static final Duration CONFIRMATION_TIME = Duration.ofDays(2);

  /** How long a message's unsubscribe link holds: a year of weekly mail, and some. */
  public static final Duration UNSUBSCRIBE_TIME = Duration.ofDays(400);

  /** How long a link to manage one's subscription holds. */
  public static final Duration MANAGE_TIME = Duration.ofHours(24);

  /** How long a request never confirmed is kept. */
  public static final Duration UNCONFIRMED_RETENTION = Duration.ofDays(7);

  /** The longest organisation name accepted. */
  public static final int MAX_ORGANISATION = 200;

  /** Who the audit log names for a reader on the public pages. */
  public static final Principal READER =
      new Principal(Principal.Kind.USER, "(reader)", "(reader)", Set.of(), Tlp.CLEAR);

  /** Who the audit log names for a message read from the bounce mailbox. */
  public static final Principal BOUNCE_MAILBOX =
      new Principal(
          Principal.Kind.USER, "(bounce mailbox)", "(bounce mailbox)", Set.of(), Tlp.CLEAR);

  private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

  /** A reader's request to join a list, as the sign-up page sends it. */
  public record Request(
      String list,
      String address,
      Optional<Locale> language,
      Optional<DistributionList.Format> format,
      Preferences preferences,
      Optional<String> organisation) {}

  /**
   * A message the service asks to be mailed to an address that asked to join: a confirmation link
   * (a new request), or a link to manage the subscription (an address already on the list, so that
   * the page answers the same either way and tells no one who is subscribed).
   */
  public record Invitation(
      Kind kind, DistributionList list, String address, Locale language, String token) {

    /** Which message. */
    public enum Kind {
      CONFIRM,
      MANAGE,
      /**
       * None: made and queued like the others and then dropped, so that an answer that mails
       * nothing takes as long as one that does.
       */
      NONE
    }

    @Override
    public String toString() {
      return "Invitation[" + kind + " " + list.name() + "]";
    }
  }

  /** Mails invitations: over SMTP, or to the outbox without SMTP settings. */
  public interface Mailer {
    void send(Invitation invitation);
  }

  /** What a confirmation, unsubscribe or manage link names, for the page that shows it. */
  public record Link(
      Token.Purpose purpose,
      DistributionList list,
      String maskedAddress,
      Optional<Subscriber> subscriber) {}

  /** What a confirmation came to. */
  public enum Confirmation {
    /** The address is on the list. */
    SUBSCRIBED,
    /** The request waits for an approver. */
    AWAITING_APPROVAL,
    /** The link was used before; nothing changed. */
    ALREADY_DONE
  }

  private final Subscribers store;
  private final AccessService access;
  private final Supplier<Config> config;
  private final Supplier<TokenSeal> seal;
  private final Supplier<ProofOfWork> work;
  private final Mailer mailer;
  private final Clock clock;

  Subscriptions(
      Subscribers store,
      AccessService access,
      Supplier<Config> config,
      Map<String, String> environment,
      Mailer mailer,
      Clock clock) {
    this.store = store;
    this.access = access;
    this.config = config;
    this.seal =
        () ->
            new TokenSeal(SubscriberKey.from(environment), new java.security.SecureRandom(), clock);
    this.work =
        () ->
            new ProofOfWork(
                SubscriberKey.from(environment), new java.security.SecureRandom(), clock);
    this.mailer = mailer;
    this.clock = clock;
  }

  // the lists readers may join

  /** The lists readers may ask to join, in the configuration's order. */
  public List<DistributionList> openLists() {
    return config.get().lists().stream().filter(l -> l.signup().isPresent()).toList();
  }

  /** The list called {@code name}, if readers may ask to join it. */
  public Optional<DistributionList> openList(String name) {
    return openLists().stream().filter(l -> l.name().equals(name)).findFirst();
  }

  // proof of work: the forms that mail an address cost their sender a moment of computing

  /** A new proof-of-work challenge for a form that mails an address (see {@link ProofOfWork}). */
  public String challenge() {
    return work.get().issue();
  }

  /**
   * Whether {@code solution} solves {@code challenge}, issued here, not expired and not used
   * before; it counts as used from now on (on every node sharing the database).
   */
  public boolean solved(String challenge, String solution) {
    Optional<ProofOfWork.Challenge> checked = work.get().check(challenge, solution);
    return checked.isPresent()
        && store.use(checked.get().id(), checked.get().expires(), clock.instant());
  }

  // sign-up

  /**
   * Takes a reader's request to join a list: checks it, keeps it as unconfirmed and mails the
   * confirmation link. The answer is the same whether or not the address is on the list already (it
   * is then mailed a link to manage its subscription instead), was rejected (nothing is mailed) or
   * asked before (a new link; the old one still holds until it expires).
   *
   * @throws ServiceFailure.BadInput naming the field, if the request is malformed
   * @throws ServiceFailure.NotFound if readers may not join that list
   */
  public void request(Request request, String from) {
    DistributionList list =
        openList(request.list())
            .orElseThrow(
                () ->
                    new ServiceFailure.NotFound(
                        "no list '" + Printable.of(request.list(), 40) + "' to join"));
    String address = address(request.address());
    Locale language = language(request.language(), list);
    Optional<String> organisation = organisation(request.organisation(), list);
    Instant now = clock.instant();
    // requests never confirmed are not kept past their retention: each new one clears them
    store.purge(now.minus(UNCONFIRMED_RETENTION), now);
    Optional<Subscriber> existing = store.find(list.name(), address);
    if (existing.isEmpty()) {
      Optional<Subscriber> added =
          store.add(
              new Subscriber(
                  0,
                  list.name(),
                  address,
                  Status.UNCONFIRMED,
                  Subscriber.Origin.SIGNUP,
                  request.language(),
                  request.format(),
                  request.preferences(),
                  organisation,
                  0,
                  Optional.empty(),
                  Optional.empty(),
                  now,
                  Optional.empty(),
                  now));
      // a request made at the same moment by another node added it: the same answer
      existing = added.isPresent() ? added : store.find(list.name(), address);
      existing.ifPresent(s -> audit(READER, "requestSubscription", s, from, "asked to join"));
      invite(Invitation.Kind.CONFIRM, list, address, language);
      return;
    }
    Subscriber subscriber = existing.get();
    switch (subscriber.status()) {
      case UNCONFIRMED, UNSUBSCRIBED -> {
        store.choose(
            subscriber.id(),
            request.language(),
            request.format(),
            request.preferences(),
            organisation,
            now);
        // one who left stays out until this request is confirmed: anyone may ask in its name
        audit(READER, "requestSubscription", subscriber, from, "asked to join again");
        invite(Invitation.Kind.CONFIRM, list, address, language);
      }
      case ACTIVE, AWAITING_APPROVAL, SUSPENDED -> {
        audit(
            READER,
            "requestSubscription",
            subscriber,
            from,
            "on the list already: sent a link to manage it");
        invite(Invitation.Kind.MANAGE, list, address, language);
      }
      case REJECTED -> {
        audit(
            READER,
            "requestSubscription",
            subscriber,
            from,
            AuditEntry.Outcome.REFUSED,
            "rejected before: nothing mailed");
        invite(Invitation.Kind.NONE, list, address, language);
      }
    }
  }

  /**
   * Mails a link to manage the subscription of {@code address} on {@code list}, if it has one;
   * otherwise nothing, with the same answer.
   */
  public void requestManageLink(String listName, String address, String from) {
    String normalised = address(address);
    Optional<DistributionList> list = openList(listName);
    Optional<Subscriber> subscriber =
        list.flatMap(l -> store.find(l.name(), normalised))
            .filter(s -> s.status() != Status.REJECTED);
    // the same work whether or not a link goes out: the answer's timing tells no one anything
    DistributionList named = list.or(() -> openLists().stream().findFirst()).orElse(null);
    if (named == null) {
      return;
    }
    subscriber.ifPresent(
        s -> audit(READER, "requestManageLink", s, from, "mailed a link to manage it"));
    invite(
        subscriber.isPresent() ? Invitation.Kind.MANAGE : Invitation.Kind.NONE,
        named,
        normalised,
        subscriber
            .flatMap(Subscriber::language)
            .orElse(named.language().orElse(config.get().mainLanguage())));
  }

  private void invite(
      Invitation.Kind kind, DistributionList list, String address, Locale language) {
    Token.Purpose purpose =
        kind == Invitation.Kind.CONFIRM ? Token.Purpose.CONFIRM : Token.Purpose.MANAGE;
    Duration lifetime = kind == Invitation.Kind.CONFIRM ? CONFIRMATION_TIME : MANAGE_TIME;
    TokenSeal tokens = seal.get();
    String token =
        tokens.seal(tokens.issue(purpose, list.name(), address, clock.instant().plus(lifetime)));
    mailer.send(new Invitation(kind, list, address, language, token));
  }

  /**
   * What link {@code token} names, for the page that shows it before anything is done (a mail
   * scanner that follows links changes nothing).
   *
   * @throws ServiceFailure.BadInput if the link is forged, altered, expired or for another page
   */
  public Link describe(String token, Token.Purpose purpose) {
    Token opened = open(token, purpose);
    DistributionList list = list(opened);
    return new Link(
        purpose, list, masked(opened.address()), store.find(list.name(), opened.address()));
  }

  /** {@link #describe} of a confirmation link, for a door that knows no {@link Token}. */
  public Link describeConfirmation(String token) {
    return describe(token, Token.Purpose.CONFIRM);
  }

  /** {@link #describe} of an unsubscribe link. */
  public Link describeUnsubscribe(String token) {
    return describe(token, Token.Purpose.UNSUBSCRIBE);
  }

  /** {@link #describe} of a link to manage a subscription. */
  public Link describeManage(String token) {
    return describe(token, Token.Purpose.MANAGE);
  }

  /**
   * Confirms the request link {@code token} was mailed for, once: the address joins a public list,
   * or waits for an approver on a vetted one (unless its domain is allowed).
   *
   * @throws ServiceFailure.BadInput if the link is forged, altered or expired
   */
  public Confirmation confirm(String token, String from) {
    Token opened = open(token, Token.Purpose.CONFIRM);
    DistributionList list = list(opened);
    Instant now = clock.instant();
    Subscriber subscriber =
        store
            .find(list.name(), opened.address())
            .orElseThrow(
                () ->
                    refused(
                        "this request was not confirmed in time and has been deleted; ask to"
                            + " join again"));
    if (!store.use(opened.id(), opened.expires(), now)) {
      audit(
          READER,
          "confirmSubscription",
          subscriber,
          from,
          AuditEntry.Outcome.REFUSED,
          "link used before");
      return Confirmation.ALREADY_DONE;
    }
    if (subscriber.status() != Status.UNCONFIRMED && subscriber.status() != Status.UNSUBSCRIBED) {
      audit(
          READER,
          "confirmSubscription",
          subscriber,
          from,
          AuditEntry.Outcome.REFUSED,
          "not awaiting confirmation: " + subscriber.status().code());
      return Confirmation.ALREADY_DONE;
    }
    SignupSettings signup = list.signup().orElseThrow();
    boolean joins = !list.vetted() || signup.preApproves(opened.address());
    Status to = joins ? Status.ACTIVE : Status.AWAITING_APPROVAL;
    String reason = list.vetted() && joins ? "domain allowed by allowed_domains" : null;
    if (!store.move(
        subscriber.id(), Set.of(Status.UNCONFIRMED, Status.UNSUBSCRIBED), to, reason, null, now)) {
      return Confirmation.ALREADY_DONE;
    }
    unsuppress(list.name(), opened.address());
    audit(
        READER,
        "confirmSubscription",
        subscriber,
        from,
        joins ? "subscribed" + (reason == null ? "" : ": " + reason) : "awaiting approval");
    return joins ? Confirmation.SUBSCRIBED : Confirmation.AWAITING_APPROVAL;
  }

  private void unsuppress(String list, String address) {
    // one who asked to be forgotten and signs up again wants mail again
    store.unsuppress(list, address);
  }

  // vetting

  /**
   * The requests awaiting {@code by}'s decision: those of the lists whose approver role {@code by}
   * holds.
   */
  public List<Subscriber> awaitingApproval(Principal by, String from) {
    List<Subscriber> awaiting = new ArrayList<>();
    for (DistributionList list : openLists()) {
      if (by.has(approver(list)) && by.cleared(list.clearance())) {
        awaiting.addAll(store.list(Optional.of(list.name()), Set.of(Status.AWAITING_APPROVAL)));
      }
    }
    return awaiting;
  }

  /**
   * Whether {@code by} decides the requests of some vetted list readers may ask to join: holds its
   * approver role and is cleared for its TLP.
   */
  public boolean approves(Principal by) {
    return openLists().stream()
        .anyMatch(l -> l.vetted() && by.has(approver(l)) && by.cleared(l.clearance()));
  }

  /**
   * Approves or rejects request {@code id}: by one holding the list's approver role and cleared for
   * the list's TLP.
   *
   * @throws ServiceFailure.NotFound if there is no such request
   * @throws ServiceFailure.Forbidden if {@code by} may not decide it
   * @throws ServiceFailure.Conflict if it is not awaiting approval (decided meanwhile)
   */
  public Subscriber decide(Principal by, String from, long id, boolean approve, String reason) {
    String operation = approve ? "approveSubscriber" : "rejectSubscriber";
    Subscriber subscriber =
        store.find(id).orElseThrow(() -> new ServiceFailure.NotFound("no subscriber " + id));
    DistributionList list =
        config
            .get()
            .list(subscriber.list())
            .orElseThrow(
                () ->
                    new ServiceFailure.NotFound(
                        "list " + subscriber.list() + " is no longer configured"));
    String target = target(subscriber);
    access.require(by, approver(list), operation, target, from);
    access.requireCleared(by, list.clearance(), operation, target, from);
    if (!approve && (reason == null || reason.isBlank())) {
      throw AccountNames.badInput("/reason", "say why the request is rejected");
    }
    Instant now = clock.instant();
    boolean moved =
        store.move(
            id,
            Set.of(Status.AWAITING_APPROVAL),
            approve ? Status.ACTIVE : Status.REJECTED,
            approve ? null : reason.strip(),
            by.actor(),
            now);
    if (!moved) {
      access.audit(
          by, operation, target, from, AuditEntry.Outcome.REFUSED, "not awaiting approval");
      throw ServiceFailure.Conflict.state(
          "subscriber "
              + id
              + " is not awaiting approval ("
              + store.find(id).map(s -> s.status().code()).orElse("gone")
              + ")");
    }
    access.audit(
        by,
        operation,
        target,
        from,
        AuditEntry.Outcome.OK,
        approve ? "approved" : "rejected: " + reason.strip());
    return store.find(id).orElseThrow();
  }

  private static Role approver(DistributionList list) {
    return list.signup().map(SignupSettings::approverRole).orElse(Role.OPERATOR);
  }

  // leaving

  /**
   * Takes {@code token}'s address off its list, at once (the next send leaves it out). Following
   * the link again changes nothing and says the same.
   *
   * @throws ServiceFailure.BadInput if the link is forged, altered or expired
   */
  public void unsubscribe(String token, String from) {
    Token opened = open(token, Token.Purpose.UNSUBSCRIBE);
    unsubscribe(list(opened), opened.address(), READER, from, "one-click unsubscribe");
  }

  /**
   * Takes {@code address} off {@code list} for {@code by} ({@link #BOUNCE_MAILBOX} for a mailto
   * unsubscribe, an operator), whether it came from the database or from {@code config.json}.
   */
  public void unsubscribe(
      DistributionList list, String address, Principal by, String from, String how) {
    String normalised = EmailAddress.normalise(address);
    Instant now = clock.instant();
    if (store.find(list.name(), normalised).isEmpty()
        && store.suppressed(list.name(), normalised)) {
      // forgotten already: an old link must not bring the address back into the database
      return;
    }
    Subscriber subscriber = holder(list, normalised, now);
    if (subscriber.status() == Status.UNSUBSCRIBED) {
      return;
    }
    store.move(
        subscriber.id(),
        EnumSet.complementOf(EnumSet.of(Status.UNSUBSCRIBED)),
        Status.UNSUBSCRIBED,
        how,
        null,
        now);
    audit(by, "unsubscribe", subscriber, from, how);
  }

  /**
   * Suspends {@code address} on {@code list} (a hard bounce, soft ones in a row, an operator): it
   * is not mailed until resumed.
   */
  public void suspend(
      DistributionList list, String address, String reason, Principal by, String from) {
    String normalised = EmailAddress.normalise(address);
    Instant now = clock.instant();
    Subscriber subscriber = holder(list, normalised, now);
    if (store.move(
        subscriber.id(), Set.of(Status.ACTIVE), Status.SUSPENDED, reason, by.actor(), now)) {
      audit(by, "suspendSubscriber", subscriber, from, reason);
      log.warn("{} subscriber {}: suspended: {}", list.name(), subscriber.id(), reason);
    }
  }

  /**
   * The row that holds {@code address}'s status on {@code list}: its subscriber, or for an address
   * only {@code config.json} names, a row made to hold it.
   */
  private Subscriber holder(DistributionList list, String address, Instant now) {
    Optional<Subscriber> found = store.find(list.name(), address);
    if (found.isPresent()) {
      return found.get();
    }
    store.add(
        new Subscriber(
            0,
            list.name(),
            address,
            Status.ACTIVE,
            Subscriber.Origin.CONFIG,
            Optional.empty(),
            Optional.empty(),
            Preferences.EVERYTHING,
            Optional.empty(),
            0,
            Optional.empty(),
            Optional.empty(),
            now,
            Optional.of(now),
            now));
    return store.find(list.name(), address).orElseThrow();
  }

  // a subscriber's own data

  /** A subscriber's data, as the privacy page shows and exports it. */
  public record Data(Subscriber subscriber, List<Subscribers.Delivery> deliveries) {}

  /**
   * The data of the subscriber link {@code token} is for.
   *
   * @throws ServiceFailure.BadInput if the link is forged, altered or expired, or the subscriber is
   *     gone
   */
  public Data data(String token) {
    Token opened = open(token, Token.Purpose.MANAGE);
    Subscriber subscriber = subscriber(opened);
    return new Data(subscriber, store.deliveries(subscriber.list(), subscriber.address()));
  }

  /** Changes what the subscriber of manage link {@code token} chose. */
  public Subscriber choose(
      String token,
      Optional<Locale> language,
      Optional<DistributionList.Format> format,
      Preferences preferences,
      String from) {
    Token opened = open(token, Token.Purpose.MANAGE);
    DistributionList list = list(opened);
    language(language, list);
    Subscriber subscriber = subscriber(opened);
    store.choose(subscriber.id(), language, format, preferences, Optional.empty(), clock.instant());
    audit(READER, "updateSubscription", subscriber, from, "changed what it gets");
    return store.find(subscriber.id()).orElseThrow();
  }

  /**
   * Forgets the subscriber of manage link {@code token}: its row is deleted, the ledger keeps only
   * a digest of its address, and the list never mails it again (even if a recipients file names it)
   * unless it asks to join anew.
   */
  public void forget(String token, String from) {
    Token opened = open(token, Token.Purpose.MANAGE);
    DistributionList list = list(opened);
    Subscriber subscriber = subscriber(opened);
    store.forget(list.name(), opened.address(), clock.instant());
    audit(READER, "deleteSubscription", subscriber, from, "deleted its data at its request");
  }

  private Subscriber subscriber(Token opened) {
    return store
        .find(opened.list(), opened.address())
        .orElseThrow(() -> refused("there is no subscription of this address any more"));
  }

  // operators

  /**
   * The subscribers of {@code listName} (every list if empty) in one of {@code statuses} (any if
   * empty), for an operator cleared for each list's TLP (lists above its clearance are left out).
   */
  public List<Subscriber> list(
      Principal by, String from, Optional<String> listName, Set<Status> statuses) {
    return cleared(by, from, "listSubscribers", listName, statuses);
  }

  /** What an export holds: how many subscribers, and the text written (UTF-8 in a file). */
  public record Exported(int subscribers, String text) {}

  /**
   * The subscribers {@link #list} gives, with every field, as CSV or JSON (see {@link
   * SubscriberExport}); written to {@code file} at once (never half) if present. Audited: addresses
   * are personal data.
   *
   * @throws ServiceFailure.Failed if the file cannot be written
   */
  public Exported export(
      Principal by,
      String from,
      Optional<String> listName,
      Set<Status> statuses,
      SubscriberExport.Format format,
      Optional<Path> file) {
    List<Subscriber> found = cleared(by, from, "exportSubscribers", listName, statuses);
    String text = SubscriberExport.write(found, format);
    if (file.isPresent()) {
      try {
        AtomicFiles.write(file.get(), text.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw Failures.of(e);
      }
    }
    access.audit(
        by,
        "exportSubscribers",
        listName.orElse(""),
        from,
        AuditEntry.Outcome.OK,
        found.size() + " subscribers as " + format.code());
    return new Exported(found.size(), text);
  }

  private List<Subscriber> cleared(
      Principal by,
      String from,
      String operation,
      Optional<String> listName,
      Set<Status> statuses) {
    access.require(by, Role.OPERATOR, operation, listName.orElse(""), from);
    listName.ifPresent(name -> configured(name));
    List<Subscriber> found = new ArrayList<>();
    for (Subscriber s : store.list(listName, statuses)) {
      Optional<DistributionList> list = config.get().list(s.list());
      if (list.isEmpty() || by.cleared(list.get().clearance())) {
        found.add(s);
      }
    }
    return found;
  }

  /** What an import of a list's recipients into the database did. */
  public record Imported(String list, int added, int present, int total) {}

  /**
   * Copies the addresses {@code config.json} and the recipients file give {@code listName} into the
   * database as active subscribers (who chose nothing); an address already there is left as it is.
   * The file stays as it is and is still read.
   */
  public Imported importRecipients(
      Principal by, String from, String listName, List<String> configured) {
    DistributionList list = configured(listName);
    access.require(by, Role.OPERATOR, "importSubscribers", list.name(), from);
    access.requireCleared(by, list.clearance(), "importSubscribers", list.name(), from);
    Instant now = clock.instant();
    int added = 0;
    for (String address : configured) {
      String normalised = EmailAddress.normalise(address);
      if (store
          .add(
              new Subscriber(
                  0,
                  list.name(),
                  normalised,
                  Status.ACTIVE,
                  Subscriber.Origin.IMPORT,
                  Optional.empty(),
                  Optional.empty(),
                  Preferences.EVERYTHING,
                  Optional.empty(),
                  0,
                  Optional.empty(),
                  Optional.of(by.actor()),
                  now,
                  Optional.of(now),
                  now))
          .isPresent()) {
        added++;
      }
    }
    Imported imported =
        new Imported(list.name(), added, configured.size() - added, configured.size());
    access.audit(
        by,
        "importSubscribers",
        list.name(),
        from,
        AuditEntry.Outcome.OK,
        added + " added, " + imported.present() + " there already");
    return imported;
  }

  /**
   * Copies the addresses of {@code listName}, or of every list that has some in {@code config.json}
   * or a recipients file if empty, into the database: see {@link #importRecipients(Principal,
   * String, String, List)}; {@code configured} reads a list's.
   *
   * @throws ServiceFailure.NotFound if there is no list {@code listName}
   */
  public List<Imported> importRecipients(
      Principal by,
      String from,
      Optional<String> listName,
      Function<DistributionList, List<String>> configured) {
    List<DistributionList> lists =
        listName.isPresent()
            ? List.of(configured(listName.get()))
            : config.get().lists().stream()
                .filter(l -> !l.recipients().isEmpty() || l.recipientsFile().isPresent())
                .toList();
    List<Imported> imported = new ArrayList<>();
    for (DistributionList list : lists) {
      imported.add(importRecipients(by, from, list.name(), configured.apply(list)));
    }
    return imported;
  }

  /**
   * Resumes suspended subscriber {@code id}: it is mailed again, its soft bounces forgotten.
   *
   * @throws ServiceFailure.Conflict if it is not suspended
   */
  public Subscriber resume(Principal by, String from, long id) {
    Subscriber subscriber =
        store.find(id).orElseThrow(() -> new ServiceFailure.NotFound("no subscriber " + id));
    DistributionList list = configured(subscriber.list());
    access.require(by, Role.OPERATOR, "resumeSubscriber", target(subscriber), from);
    access.requireCleared(by, list.clearance(), "resumeSubscriber", target(subscriber), from);
    if (!store.move(
        id, Set.of(Status.SUSPENDED), Status.ACTIVE, null, by.actor(), clock.instant())) {
      audit(
          by,
          "resumeSubscriber",
          subscriber,
          from,
          AuditEntry.Outcome.REFUSED,
          "not suspended: " + subscriber.status().code());
      throw ServiceFailure.Conflict.state(
          "subscriber " + id + " is not suspended (" + subscriber.status().code() + ")");
    }
    audit(by, "resumeSubscriber", subscriber, from, "resumed");
    return store.find(id).orElseThrow();
  }

  /**
   * Adds {@code address} to {@code listName} by an operator's hand: active at once (the operator
   * vouches for it), with the edition and format given (absent: the list's), everything chosen. An
   * address that left the list, was rejected or never confirmed is made active again; one on the
   * list, suspended or awaiting approval is left alone, with the command to use instead.
   *
   * @throws ServiceFailure.BadInput naming the field, if the address or language is malformed
   * @throws ServiceFailure.NotFound if there is no such list
   * @throws ServiceFailure.Forbidden if {@code by} is not an operator cleared for the list
   * @throws ServiceFailure.Conflict if the address is on the list, suspended or awaiting approval
   */
  public Subscriber add(
      Principal by,
      String from,
      String listName,
      String address,
      Optional<Locale> language,
      Optional<DistributionList.Format> format) {
    DistributionList list = configured(listName);
    access.require(by, Role.OPERATOR, "addSubscriber", list.name(), from);
    access.requireCleared(by, list.clearance(), "addSubscriber", list.name(), from);
    String normalised = address(address);
    language(language, list);
    Instant now = clock.instant();
    Optional<Subscriber> existing = store.find(list.name(), normalised);
    if (existing.isEmpty()) {
      existing =
          store.add(
              new Subscriber(
                  0,
                  list.name(),
                  normalised,
                  Status.ACTIVE,
                  Subscriber.Origin.IMPORT,
                  language,
                  format,
                  Preferences.EVERYTHING,
                  Optional.empty(),
                  0,
                  Optional.of("added by an operator"),
                  Optional.of(by.actor()),
                  now,
                  Optional.of(now),
                  now));
      if (existing.isPresent()) {
        unsuppress(list.name(), normalised);
        audit(by, "addSubscriber", existing.get(), from, "added by hand");
        return existing.get();
      }
      // added at the same moment by another: what it is now decides
      existing = store.find(list.name(), normalised);
    }
    Subscriber subscriber = existing.orElseThrow();
    Set<Status> revivable = Set.of(Status.UNCONFIRMED, Status.UNSUBSCRIBED, Status.REJECTED);
    if (!revivable.contains(subscriber.status())) {
      String instead =
          switch (subscriber.status()) {
            case SUSPENDED -> "; resume it if it should be mailed again";
            case AWAITING_APPROVAL -> "; approve its request instead";
            default -> "";
          };
      access.audit(
          by,
          "addSubscriber",
          target(subscriber),
          from,
          AuditEntry.Outcome.REFUSED,
          subscriber.status().code());
      throw ServiceFailure.Conflict.state(
          "the address is on "
              + list.name()
              + " already as subscriber "
              + subscriber.id()
              + " ("
              + subscriber.status().code()
              + ")"
              + instead);
    }
    store.choose(
        subscriber.id(), language, format, subscriber.preferences(), Optional.empty(), now);
    store.move(subscriber.id(), revivable, Status.ACTIVE, "added by an operator", by.actor(), now);
    unsuppress(list.name(), normalised);
    audit(
        by,
        "addSubscriber",
        subscriber,
        from,
        "added by hand (was " + subscriber.status().code() + ")");
    return store.find(subscriber.id()).orElseThrow();
  }

  /**
   * Takes {@code address} off {@code listName} by an operator's hand, as if it had unsubscribed:
   * whether the database or {@code config.json} names it, the list does not mail it again.
   *
   * @throws ServiceFailure.BadInput if the address is malformed
   * @throws ServiceFailure.NotFound if there is no such list
   * @throws ServiceFailure.Forbidden if {@code by} is not an operator cleared for the list
   */
  public void remove(Principal by, String from, String listName, String address) {
    DistributionList list = configured(listName);
    access.require(by, Role.OPERATOR, "removeSubscriber", list.name(), from);
    access.requireCleared(by, list.clearance(), "removeSubscriber", list.name(), from);
    unsubscribe(list, address(address), by, from, "removed by an operator");
  }

  /** The suspended addresses of every list, by list, for the status lines. */
  public Map<String, List<Subscriber>> suspended() {
    Map<String, List<Subscriber>> byList = new LinkedHashMap<>();
    for (Subscriber s : store.list(Optional.empty(), Set.of(Status.SUSPENDED))) {
      byList.computeIfAbsent(s.list(), k -> new ArrayList<>()).add(s);
    }
    return byList;
  }

  private DistributionList configured(String name) {
    Config main = config.get();
    return main.list(name)
        .orElseThrow(
            () ->
                new ServiceFailure.NotFound(
                    "no list '"
                        + Printable.of(name, 40)
                        + "'; lists: "
                        + String.join(
                            ", ", main.lists().stream().map(DistributionList::name).toList())));
  }

  // sending

  /**
   * Whom {@code list} is sent to: the addresses {@code config.json} and the list's recipients file
   * name ({@code configured}, choosing nothing), then its active subscribers with their choices;
   * less every address suspended, unsubscribed or forgotten on the list, each address once (a
   * subscriber's choice wins over the file's nothing).
   */
  public List<Recipient> recipients(DistributionList list, List<String> configured) {
    return recipients(store, list, configured);
  }

  /** The recipients as above, read from {@code store}: a send reads them in its own database. */
  static List<Recipient> recipients(
      Subscribers store, DistributionList list, List<String> configured) {
    // one reader per address whatever the case of its local part; the file's spelling is kept,
    // which is the one the ledger knows
    Map<String, Recipient> recipients = new LinkedHashMap<>();
    for (String address : configured) {
      String normalised = EmailAddress.normalise(address);
      recipients.putIfAbsent(key(normalised), Recipient.of(normalised));
    }
    Set<String> excluded = new java.util.HashSet<>();
    for (Subscriber s : store.list(Optional.of(list.name()), Set.of())) {
      String key = key(s.address());
      if (s.status().excludes()) {
        excluded.add(key);
      } else if (s.status() == Status.ACTIVE) {
        String spelling = recipients.containsKey(key) ? recipients.get(key).address() : s.address();
        recipients.put(key, new Recipient(spelling, s.language(), s.format(), s.preferences()));
      }
      // a request not confirmed or approved (or rejected) changes nothing for an address the
      // file names: anyone may ask in its name
    }
    Set<String> suppressed = store.suppressions(list.name());
    recipients
        .keySet()
        .removeIf(k -> excluded.contains(k) || suppressed.contains(Subscribers.digest(k)));
    return List.copyOf(recipients.values());
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }

  /**
   * Deletes the requests not confirmed within {@link #UNCONFIRMED_RETENTION}, and the record of
   * used links that have expired anyway.
   *
   * @return how many requests were deleted
   */
  public int purge() {
    Instant now = clock.instant();
    return store.purge(now.minus(UNCONFIRMED_RETENTION), now);
  }

  // helpers

  private Token open(String token, Token.Purpose purpose) {
    TokenSeal.Opened opened = seal.get().open(token, purpose);
    if (opened.refusal().isPresent()) {
      throw refused(
          switch (opened.refusal().get()) {
            case EXPIRED -> "this link has expired; ask for a new one";
            case FORGED, WRONG_PURPOSE ->
                "this link is not valid: copy the whole link from the message, or ask for a new"
                    + " one";
          });
    }
    return opened.token().orElseThrow();
  }

  private DistributionList list(Token token) {
    return config
        .get()
        .list(token.list())
        .orElseThrow(() -> refused("the list this link is for is no longer offered"));
  }

  private static ServiceFailure.BadInput refused(String message) {
    return AccountNames.badInput("/t", message);
  }

  private static String address(String given) {
    String address = given == null ? "" : given.strip();
    Optional<String> problem = EmailAddress.problem(address);
    if (problem.isPresent() || address.length() > 254) {
      throw AccountNames.badInput(
          "/address", "not an email address we can write to: " + problem.orElse("too long"));
    }
    return EmailAddress.normalise(address);
  }

  private Locale language(Optional<Locale> asked, DistributionList list) {
    Config main = config.get();
    if (asked.isPresent() && !main.languages().contains(asked.get())) {
      throw AccountNames.badInput(
          "/language",
          "the bulletin is written in "
              + main.languages().stream().map(Locale::toLanguageTag).toList()
              + "; not "
              + Printable.of(asked.get().toLanguageTag(), 35));
    }
    return asked.orElse(list.language().orElse(main.mainLanguage()));
  }

  private static Optional<String> organisation(Optional<String> given, DistributionList list) {
    Optional<String> organisation = given.map(String::strip).filter(o -> !o.isEmpty());
    if (list.vetted() && organisation.isEmpty()) {
      throw AccountNames.badInput(
          "/organisation", "name the organisation you ask for: this list is vetted");
    }
    if (organisation.isPresent()
        && (organisation.get().length() > MAX_ORGANISATION
            || organisation.get().chars().anyMatch(Character::isISOControl))) {
      throw AccountNames.badInput(
          "/organisation", "at most " + MAX_ORGANISATION + " characters on one line");
    }
    return organisation;
  }

  /** {@code a***@example.org}: enough for its owner to recognise, little for anyone else. */
  static String masked(String address) {
    int at = address.lastIndexOf('@');
    return address.charAt(0) + "***" + address.substring(at);
  }

  private static String target(Subscriber subscriber) {
    return subscriber.list() + "#" + subscriber.id();
  }

  private void audit(
      Principal by, String operation, Subscriber subscriber, String from, String detail) {
    audit(by, operation, subscriber, from, AuditEntry.Outcome.OK, detail);
  }

  private void audit(
      Principal by,
      String operation,
      Subscriber subscriber,
      String from,
      AuditEntry.Outcome outcome,
      String detail) {
    access.audit(by, operation, target(subscriber), from, outcome, detail);
  }
}
