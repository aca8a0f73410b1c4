package org.certbulletin.http.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Bulletins;
import org.certbulletin.service.SendOptions;
import org.certbulletin.service.Subscriptions;
import org.certbulletin.subscribe.Token;
import org.certbulletin.testing.Eventually;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readers' pages through the real server, with the mail received by a real SMTP server: a
 * reader signs up, follows the link in the message (looking changes nothing, the button confirms)
 * and is among the next send's recipients; one-click unsubscribe with RFC 8058's exact post; links
 * replayed, expired or forged change nothing; a flood is refused after its limit; the answer never
 * tells whether an address is subscribed; and a subscriber sees, exports and deletes their data.
 */
class SignupPagesTest {

  @RegisterExtension static GreenMailExtension smtp = TestSmtp.server();

  private static final Pattern LINK =
      Pattern.compile("https://cert\\.example/bulletins/(subscriptions/[^\\s]+)");

  @TempDir Path root;

  private SampleWorkspace sample;
  private ServedReaders served;

  @BeforeEach
  void serve() {
    sample = SampleWorkspace.copyTo(root.resolve("workspace"));
    sample.openSignup();
    sample.useLocalSmtp(smtp.getSmtp().getPort());
    served = new ServedReaders(sample);
  }

  @AfterEach
  void stop() {
    served.close();
  }

  /** The {@code n}th message received (from 1), once it has come. */
  private MimeMessage received(int n) {
    assertThat(smtp.waitForIncomingEmail(Patience.stretched(Duration.ofSeconds(20)).toMillis(), n))
        .as(n + " messages received")
        .isTrue();
    return smtp.getReceivedMessages()[n - 1];
  }

  /** The path of the link in the {@code n}th message. */
  private String linkIn(int n) throws Exception {
    String text = (String) received(n).getContent();
    Matcher m = LINK.matcher(text);
    assertThat(m.find()).as("a link in\n" + text).isTrue();
    return "/" + m.group(1);
  }

  private static String tokenOf(String path) {
    return path.substring(path.indexOf("?t=") + 3);
  }

  private static Map<String, List<String>> form(String... pairs) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
    }
    return form;
  }

  /** Signs {@code address} up to the public list and confirms it: the {@code n}th message. */
  private void subscribe(String address, int n) throws Exception {
    assertThat(served.signUp("public", address).statusCode()).isEqualTo(200);
    String link = linkIn(n);
    HttpResponse<String> confirmed =
        served.post("/subscriptions/confirm", form("t", tokenOf(link)));
    assertThat(confirmed.body()).contains("you are subscribed");
  }

  @Test
  void aReaderSignsUpAndFollowsTheMailedLinkLookingConfirmsNothingTheButtonDoes() throws Exception {
    HttpResponse<String> lists = served.get("/subscriptions/");
    assertThat(lists.statusCode()).isEqualTo(200);
    assertThat(lists.body()).contains("/subscriptions/join/public", "Public subscribers");

    HttpResponse<String> asked =
        served.signUp(
            "public",
            form("address", "Erin@Reader.example", "format", "text", "product", "siemens"));

    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(asked.body()).contains("Check your mailbox");
    MimeMessage message = received(1);
    assertThat(message.getFrom()[0].toString()).contains("bulletin@cert.example");
    assertThat(message.getAllRecipients()[0].toString()).isEqualTo("Erin@reader.example");
    assertThat(message.getSubject()).contains("Confirm your subscription");
    String link = linkIn(1);
    assertThat(link).startsWith("/subscriptions/confirm?t=");

    HttpResponse<String> page = served.get(link);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("E***@reader.example", "Confirm the subscription");
    assertThat(served.recipients("public"))
        .as("following the link confirms nothing")
        .doesNotContain("Erin@reader.example");

    HttpResponse<String> confirmed =
        served.post("/subscriptions/confirm", form("t", tokenOf(link)));

    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(confirmed.body()).contains("you are subscribed");
    assertThat(served.recipients("public")).contains("Erin@reader.example");
    assertThat(served.application.subscriptions().openList("public")).isPresent();
    HttpResponse<String> again = served.post("/subscriptions/confirm", form("t", tokenOf(link)));
    assertThat(again.body()).contains("used already");
    assertThat(served.recipients("public")).contains("Erin@reader.example");
  }

  @Test
  void oneClickUnsubscribeTakesTheExactPostFromAnySiteAndAnswersAPageTwice() throws Exception {
    subscribe("frank@reader.example", 1);
    String token =
        served.token(
            Token.Purpose.UNSUBSCRIBE, "public", "frank@reader.example", Duration.ofDays(30));

    HttpResponse<String> page = served.get("/subscriptions/unsubscribe?t=" + token);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("f***@reader.example", "href=\"/subscriptions/manage\"")
        .doesNotContain("manage?t=");
    assertThat(served.recipients("public"))
        .as("the page changes nothing")
        .contains("frank@reader.example");

    for (int i = 0; i < 2; i++) {
      HttpResponse<String> done =
          served.postBody(
              "/subscriptions/unsubscribe?t=" + token,
              "List-Unsubscribe=One-Click",
              "Sec-Fetch-Site",
              "cross-site");
      assertThat(done.statusCode()).isEqualTo(200);
      assertThat(done.headers().firstValue("Location")).isEmpty();
      assertThat(done.body()).contains("no more messages");
      assertThat(served.recipients("public")).doesNotContain("frank@reader.example");
    }
    assertThat(served.audit())
        .filteredOn(e -> e.operation().equals("unsubscribe"))
        .hasSize(1)
        .allSatisfy(
            e ->
                assertThat(e.target() + " " + e.detail())
                    .doesNotContain(token, "frank@reader.example"));
  }

  @Test
  void theUnsubscribeHeaderOfARealBulletinMailWorksWithOneClickBeforeTheNextSend()
      throws Exception {
    subscribe("hana@reader.example", 1);
    Bulletins bulletins = served.application.bulletins(Principal.system("test"), "test");
    bulletins.send(
        WeekId.parse("2024-W50"),
        "public",
        new SendOptions(false, false, ServedReaders.KEY, served.clock));
    MimeMessage bulletin =
        java.util.Arrays.stream(smtp.getReceivedMessages())
            .filter(m -> recipientOf(m).equals("hana@reader.example"))
            .filter(m -> header(m, "List-Id") != null)
            .findFirst()
            .orElseThrow();
    assertThat(header(bulletin, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
    Matcher url =
        Pattern.compile("<https://cert\\.example/bulletins(/subscriptions/unsubscribe\\?t=[^>]+)>")
            .matcher(header(bulletin, "List-Unsubscribe"));
    assertThat(url.find()).as(header(bulletin, "List-Unsubscribe")).isTrue();

    HttpResponse<String> done =
        served.postBody(url.group(1), "List-Unsubscribe=One-Click", "Sec-Fetch-Site", "cross-site");

    assertThat(done.statusCode()).isEqualTo(200);
    bulletins.send(
        WeekId.parse("2024-W51"),
        "public",
        new SendOptions(false, false, ServedReaders.KEY, served.clock));
    // GreenMail lists its messages by mailbox: the next week's are told by their Message-ID
    java.util.List<String> next =
        java.util.Arrays.stream(smtp.getReceivedMessages())
            .filter(m -> header(m, "Message-ID").startsWith("<2024-w51."))
            .map(SignupPagesTest::recipientOf)
            .toList();
    assertThat(next).as("control: the list's others get the next week").contains("bob@example.net");
    assertThat(next).doesNotContain("hana@reader.example");
  }

  private static String recipientOf(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String header(MimeMessage message, String name) {
    try {
      return message.getHeader(name, null);
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void linksForgedExpiredOrForAnotherPageAreRefusedAndChangeNothing() throws Exception {
    assertThat(served.signUp("public", "gina@reader.example").statusCode()).isEqualTo(200);
    String token = tokenOf(linkIn(1));
    String forged = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
    String unsubscribe =
        served.token(
            Token.Purpose.UNSUBSCRIBE, "public", "gina@reader.example", Duration.ofDays(1));

    for (String bad : List.of(forged, unsubscribe, "")) {
      HttpResponse<String> refused = served.post("/subscriptions/confirm", form("t", bad));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("This link is not valid");
    }
    assertThat(served.get("/subscriptions/confirm?t=" + forged).statusCode()).isEqualTo(400);
    served.clock.advance(Subscriptions.CONFIRMATION_TIME.plusMinutes(1));
    HttpResponse<String> expired = served.post("/subscriptions/confirm", form("t", token));
    assertThat(expired.statusCode()).isEqualTo(400);
    assertThat(served.recipients("public")).doesNotContain("gina@reader.example");

    // the control: asked again, the new link works
    assertThat(served.signUp("public", "gina@reader.example").statusCode()).isEqualTo(200);
    assertThat(served.post("/subscriptions/confirm", form("t", tokenOf(linkIn(2)))).body())
        .contains("you are subscribed");
    assertThat(served.recipients("public")).contains("gina@reader.example");
  }

  @Test
  void aFloodFromOneClientIsRefusedAfterItsLimitAndAuditedOnce() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(served.signUp("public", "reader" + i + "@flood.example").statusCode())
          .as("sign-up " + i)
          .isEqualTo(200);
    }

    HttpResponse<String> eleventh = served.signUp("public", "reader10@flood.example");
    HttpResponse<String> twelfth = served.signUp("public", "reader11@flood.example");

    assertThat(eleventh.statusCode()).isEqualTo(429);
    assertThat(eleventh.headers().firstValue("Retry-After")).isPresent();
    assertThat(eleventh.body()).contains("Too many requests", "minutes");
    assertThat(twelfth.statusCode()).isEqualTo(429);
    assertThat(
            served.audit().stream()
                .filter(e -> e.outcome() == AuditEntry.Outcome.REFUSED)
                .filter(e -> e.detail().contains("too many requests")))
        .hasSize(1);
    Eventually.await(
        Patience.stretched(Duration.ofSeconds(20)),
        "ten messages",
        () -> smtp.getReceivedMessages().length == 10);
    // the control of time: the window passes, and the client may ask again
    served.clock.advance(Duration.ofMinutes(11));
    assertThat(served.signUp("public", "reader12@flood.example").statusCode()).isEqualTo(200);
  }

  @Test
  void oneAddressIsMailedAFewTimesAnHourWhoeverAsks() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(served.signUp("public", "target@reader.example").statusCode()).isEqualTo(200);
    }
    HttpResponse<String> fourth = served.signUp("public", "target@reader.example");
    assertThat(fourth.statusCode()).isEqualTo(429);
    assertThat(fourth.body()).contains("this address");
    assertThat(served.signUp("public", "other@reader.example").statusCode()).isEqualTo(200);
  }

  @Test
  void theAnswerIsTheSameWhetherTheAddressIsNewSubscribedRejectedOrUnknown() throws Exception {
    subscribe("known@reader.example", 1);
    Principal approver = Principal.system("test");
    assertThat(
            served
                .signUp(
                    "sector-partners",
                    form("address", "no@spam.example", "organisation", "Spam Ltd"))
                .statusCode())
        .isEqualTo(200);
    served.post("/subscriptions/confirm", form("t", tokenOf(linkIn(2))));
    long id = served.application.subscriptions().awaitingApproval(approver, "test").get(0).id();
    served.application.subscriptions().decide(approver, "test", id, false, "not a partner");

    String fresh = served.signUp("public", "new@reader.example").body();
    String subscribed = served.signUp("public", "known@reader.example").body();
    String rejected =
        served
            .signUp(
                "sector-partners", form("address", "no@spam.example", "organisation", "Spam Ltd"))
            .body();
    String manageKnown = askManageLink("public", "known@reader.example").body();
    String manageUnknown = askManageLink("public", "nobody@reader.example").body();

    assertThat(fresh).contains("Check your mailbox");
    assertThat(subscribed).isEqualTo(fresh);
    assertThat(rejected).isEqualTo(fresh);
    assertThat(manageKnown).isEqualTo(fresh);
    assertThat(manageUnknown).isEqualTo(fresh);
  }

  private HttpResponse<String> askManageLink(String list, String address) throws Exception {
    String challenge = ServedReaders.challenge(served.get("/subscriptions/manage").body());
    return served.post(
        "/subscriptions/manage",
        form(
            "list",
            list,
            "address",
            address,
            "challenge",
            challenge,
            "work",
            org.certbulletin.subscribe.ProofOfWork.solve(challenge)));
  }

  @Test
  void aSubscriberSeesChangesExportsAndDeletesTheirData() throws Exception {
    subscribe("hana@reader.example", 1);
    assertThat(askManageLink("public", "hana@reader.example").statusCode()).isEqualTo(200);
    String link = linkIn(2);
    assertThat(link).startsWith("/subscriptions/manage?t=");
    String token = tokenOf(link);

    HttpResponse<String> page = served.get(link);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("hana@reader.example", "Subscribed", "Download your data");

    HttpResponse<String> saved =
        served.post(
            "/subscriptions/manage/choices",
            form("t", token, "product", "siemens", "other", "Rockwell Automation\nABB"));
    assertThat(saved.body()).contains("Saved.", "rockwell automation");

    HttpResponse<String> export = served.get("/subscriptions/manage/export?t=" + token);
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("attachment");
    assertThat(export.body())
        .contains("\"address\" : \"hana@reader.example\"", "\"status\" : \"active\"", "siemens");

    HttpResponse<String> ask = served.get("/subscriptions/manage/delete?t=" + token);
    assertThat(ask.body()).contains("Delete my data");
    assertThat(served.recipients("public"))
        .as("the page that asks deletes nothing")
        .contains("hana@reader.example");

    HttpResponse<String> deleted = served.post("/subscriptions/manage/delete", form("t", token));

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).contains("Your data is deleted");
    assertThat(served.recipients("public")).doesNotContain("hana@reader.example");
    assertThat(served.get(link).statusCode()).isEqualTo(400);
  }

  @Test
  void formsFromAnotherSiteWithoutWorkTooLargeOrWithALineBreakAreRefusedAndMailNothing()
      throws Exception {
    HttpResponse<String> crossSite =
        served.signUp(
            "public", form("address", "a@reader.example"), "Sec-Fetch-Site", "cross-site");
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(crossSite.body()).contains("another site");

    HttpResponse<String> noWork =
        served.post("/subscriptions/join/public", form("address", "b@reader.example"));
    assertThat(noWork.statusCode()).isEqualTo(400);
    assertThat(noWork.body()).contains("JavaScript");

    HttpResponse<String> large =
        served.postBody(
            "/subscriptions/join/public", "address=c%40reader.example&other=" + "x".repeat(20_000));
    assertThat(large.statusCode()).isEqualTo(413);

    HttpResponse<String> injected =
        served.signUp(
            "sector-partners",
            form("address", "d@reader.example", "organisation", "Grid\r\nBcc: all@example.org"));
    assertThat(injected.statusCode()).isEqualTo(400);

    // the control: the same form, same-site, with its work, is taken and mailed
    assertThat(
            served
                .signUp(
                    "public", form("address", "e@reader.example"), "Sec-Fetch-Site", "same-origin")
                .statusCode())
        .isEqualTo(200);
    assertThat(received(1).getAllRecipients()[0].toString()).isEqualTo("e@reader.example");
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void pagesSpeakTheReadersLanguageAmongTheBulletinsWithAStrictPolicyAndNoInlineCode()
      throws Exception {
    assertThat(served.get("/subscriptions/", "Accept-Language", "zh-CN").body())
        .as("a bulletin written in English only has its pages in English")
        .contains("lang=\"en\"");
    served.close();
    sample = SampleWorkspace.copyAsShipped(root.resolve("shipped"));
    sample.openSignup();
    served = new ServedReaders(sample);
    for (String path :
        List.of("/subscriptions/", "/subscriptions/join/public", "/subscriptions/manage")) {
      HttpResponse<String> english = served.get(path);
      HttpResponse<String> chinese = served.get(path, "Accept-Language", "zh-CN,zh;q=0.9");
      HttpResponse<String> asked = served.get(path + "?lang=zh-CN");
      assertThat(english.body()).contains("lang=\"en\"", "hreflang=\"zh-CN\"");
      assertThat(chinese.body()).contains("lang=\"zh-CN\"", "订阅");
      assertThat(asked.body()).contains("lang=\"zh-CN\"");
      assertThat(asked.headers().firstValue("Set-Cookie").orElseThrow())
          .startsWith("cert_bulletin_ui=zh-CN");
      for (HttpResponse<String> page : List.of(english, chinese)) {
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
            .contains("default-src 'none'", "script-src 'self'")
            .doesNotContain("unsafe-inline");
        assertThat(page.body()).doesNotContain(" style=", "<style", "<script>", " onclick=");
      }
    }
    HttpResponse<String> refused =
        served.get("/subscriptions/join/nope", "Accept-Language", "zh-CN");
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(refused.body()).contains("没有这个列表");
  }

  @Test
  void withoutSmtpTheMessageIsWrittenToTheOutbox() throws Exception {
    served.close();
    sample.editConfig(json -> json.replaceAll("\"smtp\": \\{[^}]*\\},", ""));
    served = new ServedReaders(sample);

    assertThat(served.signUp("public", "ivan@reader.example").statusCode()).isEqualTo(200);

    Path outbox = sample.out().resolve("outbox").resolve("subscriptions");
    Eventually.await(
        Patience.stretched(Duration.ofSeconds(20)),
        "a message in " + outbox,
        () -> Files.isDirectory(outbox) && count(outbox) == 1);
    try (var files = Files.list(outbox)) {
      String eml = Files.readString(files.findFirst().orElseThrow());
      assertThat(eml).contains("To: ivan@reader.example", "subscriptions/confirm?t=");
    }
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  private static long count(Path folder) {
    try (var files = Files.list(folder)) {
      return files.count();
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
