package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Recipient;
import org.certbulletin.model.Role;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.Subscriber;
import org.certbulletin.model.Tlp;
import org.certbulletin.store.Database;
import org.certbulletin.store.Subscribers;
import org.certbulletin.subscribe.SubscriberKey;
import org.certbulletin.subscribe.Token;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-up, vetting, leaving, suspension and the recipients of a send, on the embedded database. */
class SubscriptionsTest {

  static final Map<String, String> KEY =
      Map.of(SubscriberKey.VARIABLE, "a test key that is long enough to be accepted, 0123456789");

  private static final String FROM = "192.0.2.7";

  @TempDir Path root;

  private final ManualClock clock = new ManualClock(Instant.parse("2024-12-23T08:00:00Z"));
  private final List<Subscriptions.Invitation> mailed = new ArrayList<>();
  private SampleWorkspace sample;
  private Database database;
  private AccessService access;
  private Subscriptions subscriptions;

  @BeforeEach
  void open() {
    sample = SampleWorkspace.copyTo(root);
    sample.openSignup();
    database = Database.open(StateSettings.defaults(), new OutputLayout(sample.out()));
    access = new AccessService(database, clock);
    subscriptions =
        access.subscriptions(() -> new DataDirectory(sample.data()).config(), KEY, mailed::add);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static Subscriptions.Request request(String list, String address) {
    return new Subscriptions.Request(
        list,
        address,
        Optional.empty(),
        Optional.empty(),
        new Preferences(List.of(), List.of("Siemens")),
        list.equals("public") ? Optional.empty() : Optional.of("Grid Operator Ltd"));
  }

  private DistributionList list(String name) {
    return new DataDirectory(sample.data()).config().list(name).orElseThrow();
  }

  private List<String> recipients(String list) {
    DataDirectory data = new DataDirectory(sample.data());
    return subscriptions.recipients(list(list), data.recipients(list(list))).stream()
        .map(Recipient::address)
        .toList();
  }

  private String lastToken() {
    return mailed.get(mailed.size() - 1).token();
  }

  @Test
  void anAddressJoinsAPublicListOnlyOnceItFollowsTheConfirmationLink() {
    subscriptions.request(request("public", "Erin@Reader.EXAMPLE"), FROM);

    assertThat(mailed).hasSize(1);
    assertThat(mailed.get(0).kind()).isEqualTo(Subscriptions.Invitation.Kind.CONFIRM);
    assertThat(mailed.get(0).address()).isEqualTo("Erin@reader.example");
    assertThat(recipients("public")).doesNotContain("Erin@reader.example");
    Subscriptions.Link link = subscriptions.describe(lastToken(), Token.Purpose.CONFIRM);
    assertThat(link.maskedAddress()).isEqualTo("E***@reader.example");
    assertThat(recipients("public"))
        .as("looking at the link confirms nothing")
        .doesNotContain("Erin@reader.example");

    assertThat(subscriptions.confirm(lastToken(), FROM))
        .isEqualTo(Subscriptions.Confirmation.SUBSCRIBED);

    assertThat(recipients("public")).contains("Erin@reader.example", "alice@example.org");
    Recipient erin =
        subscriptions.recipients(list("public"), List.of()).stream()
            .filter(r -> r.address().equals("Erin@reader.example"))
            .findFirst()
            .orElseThrow();
    assertThat(erin.preferences().products()).containsExactly("siemens");
  }

  @Test
  void aConfirmationLinkWorksOnceAndNotAfterItExpiresOrIsAltered() {
    subscriptions.request(request("public", "erin@reader.example"), FROM);
    String token = lastToken();
    assertThat(subscriptions.confirm(token, FROM)).isEqualTo(Subscriptions.Confirmation.SUBSCRIBED);

    assertThat(subscriptions.confirm(token, FROM))
        .isEqualTo(Subscriptions.Confirmation.ALREADY_DONE);

    subscriptions.request(request("public", "frank@reader.example"), FROM);
    String late = lastToken();
    String altered = late.substring(0, late.length() - 2) + (late.endsWith("A") ? "BB" : "AA");
    assertThatThrownBy(() -> subscriptions.confirm(altered, FROM))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessageContaining("not valid");
    clock.advance(Subscriptions.CONFIRMATION_TIME.plus(Duration.ofMinutes(1)));
    assertThatThrownBy(() -> subscriptions.confirm(late, FROM))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessageContaining("expired");
    assertThat(recipients("public"))
        .contains("erin@reader.example")
        .doesNotContain("frank@reader.example");
  }

  @Test
  void anAddressOnTheListAlreadyIsMailedALinkToManageItAndThePageAnswersTheSame() {
    subscriptions.request(request("public", "erin@reader.example"), FROM);
    subscriptions.confirm(lastToken(), FROM);

    subscriptions.request(request("public", "erin@reader.example"), FROM);

    assertThat(mailed)
        .extracting(Subscriptions.Invitation::kind)
        .containsExactly(
            Subscriptions.Invitation.Kind.CONFIRM, Subscriptions.Invitation.Kind.MANAGE);
    assertThat(subscriptions.data(lastToken()).subscriber().status())
        .isEqualTo(Subscriber.Status.ACTIVE);
  }

  @Test
  void aVettedRequestWaitsForAnApproverCleared() {
    subscriptions.request(request("sector-partners", "soc@grid.example"), FROM);
    assertThat(subscriptions.confirm(lastToken(), FROM))
        .isEqualTo(Subscriptions.Confirmation.AWAITING_APPROVAL);
    assertThat(recipients("sector-partners")).doesNotContain("soc@grid.example");
    Principal analyst = person("ana", Tlp.AMBER, Role.ANALYST);
    Principal greenOperator = person("gus", Tlp.GREEN, Role.OPERATOR);
    Principal operator = person("olga", Tlp.AMBER, Role.OPERATOR);
    long id = subscriptions.awaitingApproval(operator, FROM).get(0).id();
    assertThat(subscriptions.awaitingApproval(greenOperator, FROM)).isEmpty();

    assertThatThrownBy(() -> subscriptions.decide(analyst, FROM, id, true, null))
        .isInstanceOf(ServiceFailure.Forbidden.class);
    assertThatThrownBy(() -> subscriptions.decide(greenOperator, FROM, id, true, null))
        .isInstanceOf(ServiceFailure.Forbidden.class);
    assertThat(recipients("sector-partners")).doesNotContain("soc@grid.example");

    Subscriber approved = subscriptions.decide(operator, FROM, id, true, null);

    assertThat(approved.status()).isEqualTo(Subscriber.Status.ACTIVE);
    assertThat(approved.decidedBy()).contains("olga");
    assertThat(recipients("sector-partners")).contains("soc@grid.example");
    assertThatThrownBy(() -> subscriptions.decide(operator, FROM, id, false, "late"))
        .isInstanceOf(ServiceFailure.Conflict.class);
    assertThat(audit("approveSubscriber"))
        .extracting(AuditEntry::outcome)
        .contains(AuditEntry.Outcome.OK, AuditEntry.Outcome.REFUSED);
  }

  @Test
  void anAllowedDomainIsApprovedAtConfirmationAndARejectedAddressIsNotMailedAgain() {
    subscriptions.request(request("sector-partners", "duty@ops.energy.example"), FROM);
    assertThat(subscriptions.confirm(lastToken(), FROM))
        .isEqualTo(Subscriptions.Confirmation.SUBSCRIBED);

    subscriptions.request(request("sector-partners", "x@spam.example"), FROM);
    subscriptions.confirm(lastToken(), FROM);
    Principal operator = person("olga", Tlp.AMBER, Role.OPERATOR);
    long id = subscriptions.awaitingApproval(operator, FROM).get(0).id();
    assertThatThrownBy(() -> subscriptions.decide(operator, FROM, id, false, " "))
        .isInstanceOf(ServiceFailure.BadInput.class);
    subscriptions.decide(operator, FROM, id, false, "not a partner");
    int before = mailed.size();

    subscriptions.request(request("sector-partners", "x@spam.example"), FROM);

    assertThat(mailed.subList(before, mailed.size()))
        .extracting(Subscriptions.Invitation::kind)
        .containsOnly(Subscriptions.Invitation.Kind.NONE);
    assertThat(recipients("sector-partners"))
        .contains("duty@ops.energy.example")
        .doesNotContain("x@spam.example");
  }

  @Test
  void aVettedListNeedsAnOrganisationAndBadAddressesAreRefusedWithTheField() {
    assertThatThrownBy(
            () ->
                subscriptions.request(
                    new Subscriptions.Request(
                        "sector-partners",
                        "a@b.example",
                        Optional.empty(),
                        Optional.empty(),
                        Preferences.EVERYTHING,
                        Optional.of("  ")),
                    FROM))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessageContaining("organisation");
    for (String bad : List.of("nobody", "a@b.example\r\nBcc: all@x.example", "<a@b.example>")) {
      assertThatThrownBy(() -> subscriptions.request(request("public", bad), FROM))
          .isInstanceOf(ServiceFailure.BadInput.class);
    }
    assertThatThrownBy(() -> subscriptions.request(request("government", "a@b.example"), FROM))
        .as("a list without signup")
        .isInstanceOf(ServiceFailure.NotFound.class);
    assertThatThrownBy(
            () ->
                subscriptions.request(
                    new Subscriptions.Request(
                        "public",
                        "a@b.example",
                        Optional.of(Locale.JAPANESE),
                        Optional.empty(),
                        Preferences.EVERYTHING,
                        Optional.empty()),
                    FROM))
        .hasMessageContaining("written in");
    assertThat(mailed).isEmpty();
    subscriptions.request(request("public", "a@b.example"), FROM);
    assertThat(mailed).as("control: a good request is mailed").hasSize(1);
  }

  @Test
  void unsubscribingOrSuspendingAnAddressOfTheRecipientsFileKeepsItFromTheNextSend() {
    assertThat(recipients("public")).contains("bob@example.net", "carol@example.com");

    subscriptions.unsubscribe(
        list("public"), "bob@example.net", Subscriptions.BOUNCE_MAILBOX, FROM, "mailto");
    subscriptions.suspend(
        list("public"),
        "carol@example.com",
        "550 5.1.1 no such user",
        Subscriptions.BOUNCE_MAILBOX,
        FROM);

    assertThat(recipients("public"))
        .contains("alice@example.org")
        .doesNotContain("bob@example.net", "carol@example.com");
    assertThat(subscriptions.suspended().get("public"))
        .extracting(Subscriber::address)
        .containsExactly("carol@example.com");
    Principal operator = person("olga", Tlp.AMBER, Role.OPERATOR);
    long carol = subscriptions.suspended().get("public").get(0).id();
    subscriptions.resume(operator, FROM, carol);
    assertThat(recipients("public")).contains("carol@example.com");
  }

  @Test
  void aSubscriberWhoAsksToBeForgottenLeavesOnlyADigestAndIsNotMailedEvenFromTheFile() {
    Subscribers store = new Subscribers(database.dataSource());
    subscriptions.importRecipients(
        Principal.system("cli:root"),
        FROM,
        "public",
        new DataDirectory(sample.data()).recipients(list("public")));
    assertThat(store.find("public", "alice@example.org")).isPresent();
    subscriptions.requestManageLink("public", "alice@example.org", FROM);

    subscriptions.forget(lastToken(), FROM);

    assertThat(store.find("public", "alice@example.org")).isEmpty();
    assertThat(recipients("public"))
        .doesNotContain("alice@example.org")
        .contains("bob@example.net");
    assertThat(audit("deleteSubscription")).hasSize(1);
    assertThat(audit("deleteSubscription").get(0).detail()).doesNotContain("alice");

    subscriptions.request(request("public", "alice@example.org"), FROM);
    subscriptions.confirm(lastToken(), FROM);
    assertThat(recipients("public")).as("joining anew undoes it").contains("alice@example.org");
  }

  @Test
  void aRequestNeverConfirmedIsDeletedAfterItsRetention() {
    Subscribers store = new Subscribers(database.dataSource());
    subscriptions.request(request("public", "erin@reader.example"), FROM);
    clock.advance(Subscriptions.UNCONFIRMED_RETENTION.minus(Duration.ofHours(1)));
    subscriptions.request(request("public", "frank@reader.example"), FROM);
    assertThat(store.find("public", "erin@reader.example"))
        .as("control: kept within it")
        .isPresent();

    clock.advance(Duration.ofHours(2));
    subscriptions.request(request("public", "gina@reader.example"), FROM);

    assertThat(store.find("public", "erin@reader.example")).isEmpty();
    assertThat(store.find("public", "frank@reader.example")).isPresent();
  }

  @Test
  void aRequestInTheNameOfAnAddressOfTheFileDoesNotStopItsMail() {
    assertThat(recipients("sector-partners")).isNotEmpty();
    String partner = recipients("sector-partners").get(0);

    subscriptions.request(request("sector-partners", partner), FROM);
    assertThat(recipients("sector-partners")).as("unconfirmed").contains(partner);
    subscriptions.confirm(lastToken(), FROM);
    assertThat(recipients("sector-partners")).as("awaiting approval").contains(partner);
    Principal operator = person("olga", Tlp.AMBER, Role.OPERATOR);
    long id = subscriptions.awaitingApproval(operator, FROM).get(0).id();
    subscriptions.decide(operator, FROM, id, false, "asked by someone else");

    assertThat(recipients("sector-partners")).as("rejected").contains(partner);
    subscriptions.unsubscribe(list("sector-partners"), partner, operator, FROM, "control");
    assertThat(recipients("sector-partners"))
        .as("control: leaving does stop it")
        .doesNotContain(partner);
  }

  @Test
  void anUnsubscribedAddressStaysOutUntilItConfirmsAgainEvenPastTheRetention() {
    subscriptions.unsubscribe(
        list("public"), "carol@example.com", Subscriptions.READER, FROM, "link");
    clock.advance(Duration.ofDays(8));

    subscriptions.request(request("public", "carol@example.com"), FROM);
    String carolsLink = lastToken();
    assertThat(recipients("public")).as("asked in its name").doesNotContain("carol@example.com");
    clock.advance(Duration.ofDays(8));
    subscriptions.request(request("public", "someone@reader.example"), FROM);
    assertThat(recipients("public")).as("past the retention").doesNotContain("carol@example.com");

    subscriptions.request(request("public", "carol@example.com"), FROM);
    subscriptions.confirm(lastToken(), FROM);
    assertThat(recipients("public"))
        .as("control: confirmed, it is back")
        .contains("carol@example.com");
    assertThat(carolsLink).isNotEqualTo(lastToken());
  }

  @Test
  void theCaseOfALocalPartMakesNoSecondReaderAndNoWayBackForTheRejected() {
    subscriptions.request(request("public", "Alice@example.org"), FROM);
    subscriptions.confirm(lastToken(), FROM);
    assertThat(recipients("public"))
        .filteredOn(a -> a.equalsIgnoreCase("alice@example.org"))
        .hasSize(1);

    subscriptions.request(request("sector-partners", "x@spam.example"), FROM);
    subscriptions.confirm(lastToken(), FROM);
    Principal operator = person("olga", Tlp.AMBER, Role.OPERATOR);
    subscriptions.decide(
        operator, FROM, subscriptions.awaitingApproval(operator, FROM).get(0).id(), false, "no");
    int before = mailed.size();
    subscriptions.request(request("sector-partners", "X@spam.example"), FROM);
    assertThat(mailed.subList(before, mailed.size()))
        .extracting(Subscriptions.Invitation::kind)
        .containsOnly(Subscriptions.Invitation.Kind.NONE);
    assertThat(subscriptions.awaitingApproval(operator, FROM)).isEmpty();
  }

  @Test
  void anOldUnsubscribeLinkDoesNotBringAForgottenAddressBack() {
    Subscribers store = new Subscribers(database.dataSource());
    subscriptions.request(request("public", "ivy@reader.example"), FROM);
    subscriptions.confirm(lastToken(), FROM);
    subscriptions.requestManageLink("public", "ivy@reader.example", FROM);
    subscriptions.forget(lastToken(), FROM);

    subscriptions.unsubscribe(
        list("public"), "ivy@reader.example", Subscriptions.READER, FROM, "old link");

    assertThat(store.list(Optional.of("public"), Set.of()))
        .extracting(Subscriber::address)
        .doesNotContain("ivy@reader.example");
    subscriptions.unsubscribe(
        list("public"), "bob@example.net", Subscriptions.READER, FROM, "control");
    assertThat(store.find("public", "bob@example.net"))
        .as("control: one not forgotten gets its row")
        .isPresent();
  }

  @Test
  void aManageLinkIsMailedOnlyForAListReadersMayJoinAndTheAnswerIsTheSame() {
    subscriptions.importRecipients(
        Principal.system("cli:root"),
        FROM,
        "government",
        new DataDirectory(sample.data()).recipients(list("government")));
    String member = recipients("government").get(0);

    subscriptions.requestManageLink("government", member, FROM);
    subscriptions.requestManageLink("no-such-list", member, FROM);

    assertThat(mailed)
        .extracting(Subscriptions.Invitation::kind)
        .containsOnly(Subscriptions.Invitation.Kind.NONE);
    subscriptions.request(request("public", "jo@reader.example"), FROM);
    subscriptions.confirm(lastToken(), FROM);
    subscriptions.requestManageLink("public", "jo@reader.example", FROM);
    assertThat(mailed.get(mailed.size() - 1).kind())
        .as("control: a subscriber of an open list gets one")
        .isEqualTo(Subscriptions.Invitation.Kind.MANAGE);
  }

  private Principal person(String name, Tlp clearance, Role... roles) {
    return new Principal(Principal.Kind.USER, name, name, Set.of(roles), clearance);
  }

  private List<AuditEntry> audit(String operation) {
    return access
        .listAudit(
            Principal.system("cli:root"),
            FROM,
            new AuditQuery(
                Optional.empty(), Optional.of(operation), Optional.empty(), Optional.empty(), 100))
        .entries();
  }
}
