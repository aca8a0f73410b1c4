package org.certbulletin.http.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.certbulletin.subscribe.Token;
import org.certbulletin.testing.Axe;
import org.certbulletin.testing.AxeViolation;
import org.certbulletin.testing.BrowserTab;
import org.certbulletin.testing.Chromium;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readers' pages in real headless Chromium: a reader signs up (the page's script does the proof
 * of work), confirms from the link the mail server received, and looks at their subscription, the
 * page that deletes it and the unsubscribe page. Every page is checked by axe-core at 1200 and 375
 * px in English and Chinese, and screenshotted ({@code target/subscribe-screenshots}). Skipped,
 * saying what to install, where there is no Chromium.
 */
@Tag("slow")
class SignupBrowserTest {

  @RegisterExtension static GreenMailExtension smtp = TestSmtp.server();

  private static final int DESKTOP = 1200;
  private static final int PHONE = 375;
  private static final Path SHOTS = Path.of("target", "subscribe-screenshots");
  private static final Pattern LINK =
      Pattern.compile("https://cert\\.example/bulletins/(subscriptions/[^\\s]+)");

  static Chromium browser;
  static Axe axe;

  @TempDir Path root;

  private ServedReaders served;
  private BrowserTab tab;
  private final List<String> violations = new ArrayList<>();

  @BeforeAll
  static void startBrowser() throws IOException {
    Optional<Path> binary = Chromium.find();
    if (binary.isEmpty()) {
      System.err.println(
          "\n*** SignupBrowserTest SKIPPED: no Chromium, so the readers' pages were NOT checked: "
              + Chromium.INSTALL_HINT
              + " ***\n");
      return;
    }
    browser = Chromium.start(binary.get());
    axe = new Axe(browser);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void serve() throws IOException {
    assumeTrue(browser != null, () -> "no Chromium: " + Chromium.INSTALL_HINT);
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root.resolve("workspace"));
    sample.openSignup();
    sample.useLocalSmtp(smtp.getSmtp().getPort());
    served = new ServedReaders(sample);
    tab = BrowserTab.open(browser, address("/subscriptions/"), DESKTOP);
  }

  @AfterEach
  void stop() throws IOException {
    if (tab != null) {
      tab.close();
    }
    if (served != null) {
      served.close();
    }
  }

  private URI address(String path) {
    return URI.create(served.server.address() + path);
  }

  /** Opens {@code path} in {@code language}, then axe and a screenshot at both widths. */
  private void look(String name, String path, String language) throws IOException {
    tab.go(address(path + (path.contains("?") ? "&" : "?") + "lang=" + language));
    assertThat(tab.evaluate("document.documentElement.lang")).isEqualTo(language);
    lookHere(name);
  }

  private void lookHere(String name) throws IOException {
    String language = tab.evaluate("document.documentElement.lang");
    for (int width : new int[] {DESKTOP, PHONE}) {
      tab.width(width);
      List<AxeViolation> found = axe.check(tab);
      if (!found.isEmpty()) {
        violations.add(name + " (" + language + ", " + width + " px): " + found);
      }
      tab.screenshot(SHOTS.resolve(name + "-" + language + "-" + width + ".png"));
    }
    tab.width(DESKTOP);
  }

  @Test
  void aReaderSignsUpConfirmsAndManagesFromTheBrowserOnPagesWithoutViolations() throws Exception {
    look("join", "/subscriptions/join/public", "en");
    tab.type("address", "lena@reader.example");
    tab.evaluate("document.querySelector('input[name=sector]').click(), ''");
    tab.clickAndWait("form.work button[type=submit]");
    assertThat(tab.text("h1")).isEqualTo("Check your mailbox");
    lookHere("sent");

    assertThat(smtp.waitForIncomingEmail(Patience.stretched(Duration.ofSeconds(20)).toMillis(), 1))
        .isTrue();
    Matcher m = LINK.matcher((String) smtp.getReceivedMessages()[0].getContent());
    assertThat(m.find()).isTrue();
    String confirm = "/" + m.group(1);
    look("confirm", confirm, "en");
    tab.clickAndWait("form button[type=submit]");
    assertThat(tab.text("main")).contains("you are subscribed");
    lookHere("confirmed");
    assertThat(served.recipients("public")).contains("lena@reader.example");

    String manage =
        served.token(Token.Purpose.MANAGE, "public", "lena@reader.example", Duration.ofHours(1));
    String unsubscribe =
        served.token(
            Token.Purpose.UNSUBSCRIBE, "public", "lena@reader.example", Duration.ofDays(30));
    for (String language : List.of("en", "zh-CN")) {
      look("lists", "/subscriptions/", language);
      look("join", "/subscriptions/join/public", language);
      look("join-vetted", "/subscriptions/join/sector-partners", language);
      look("manage-ask", "/subscriptions/manage", language);
      look("confirm", confirm, language);
      look("manage", "/subscriptions/manage?t=" + manage, language);
      look("delete", "/subscriptions/manage/delete?t=" + manage, language);
      look("unsubscribe", "/subscriptions/unsubscribe?t=" + unsubscribe, language);
      look("refused", "/subscriptions/confirm?t=forged", language);
    }
    assertThat(violations).isEmpty();
  }
}
