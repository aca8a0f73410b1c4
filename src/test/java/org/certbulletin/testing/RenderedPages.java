package org.certbulletin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.certbulletin.mail.MailTransport;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Format;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.MailService;

/**
 * The pages people read, rendered from the sample week 2024-W51 with every kind of badge in it (an
 * advisory of each severity, one exploited, a zero-day and in CISA's KEV catalogue): the web page
 * in English and Chinese, the archive index, and the HTML body of the mail to the TLP:AMBER list.
 */
public record RenderedPages(Path bulletin, Path chineseBulletin, Path archiveIndex, Path mail) {

  private static final WeekId WEEK = WeekId.parse("2024-W51");

  /** The list whose mail is checked: its TLP:AMBER edition carries the most labels. */
  private static final String LIST = "sector-partners";

  /** Renders the pages into {@code root}. */
  public static RenderedPages render(Path root) {
    try {
      SampleWorkspace sample = SampleWorkspace.copyAsShipped(root.resolve("workspace"));
      sample.editWeek(WEEK.toString(), RenderedPages::withEveryBadge);
      // a CERT that signs: every page and the mail print its key's fingerprint
      var key = PgpKeys.key("SN-CERT Bulletin <bulletin@cert.example>");
      Files.createDirectories(sample.data().resolve("keys"));
      Files.write(sample.data().resolve("keys/signing-key.asc"), PgpKeys.publicKey(key));
      sample.configure("openpgp", "{\"public_key\": \"keys/signing-key.asc\"}");
      BulletinService service = new BulletinService(sample.workspace(), PgpKeys.environment(key));
      Path pages = Files.createDirectories(root.resolve("pages"));

      service.build(WEEK, EnumSet.of(Format.HTML));
      Path week = sample.out().resolve("site/2024/W51");
      Path bulletin = Files.copy(week.resolve("bulletin.html"), pages.resolve("bulletin.html"));
      Path chinese =
          Files.copy(week.resolve("bulletin.zh-CN.html"), pages.resolve("bulletin.zh-CN.html"));

      // one week shows every part of the index; the other seven would only cost their PDFs' time
      for (int w = 44; w <= 50; w++) {
        Files.delete(sample.weekFile("2024-W" + w));
      }
      service.publish(ProgressListener.NONE);
      Path index = Files.copy(sample.out().resolve("site/index.html"), pages.resolve("index.html"));

      DistributionList list = service.data().config().list(LIST).orElseThrow();
      String html =
          new MailService(service, MailTransport.SMTP).renderForList(WEEK, list).bodies().html();
      Path mail = Files.writeString(pages.resolve("mail.html"), html, StandardCharsets.UTF_8);
      return new RenderedPages(bulletin, chinese, index, mail);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing", e);
    }
  }

  /** Adds a low advisory and marks the critical one exploited, zero-day and in KEV. */
  private static String withEveryBadge(String week) {
    String low =
        """
        "advisories": [
            {
              "id": "SNC-2024-0515",
              "title": {"en": "Example Router banner leaks its firmware version",
                        "zh-CN": "Example Router登录横幅泄露固件版本"},
              "vendor": "Example",
              "product": "Example Router",
              "severity": "low",
              "summary": {"en": "The login banner names the exact firmware version.",
                          "zh-CN": "登录横幅显示确切的固件版本。"}
            },\
        """;
    return week.replace("\"advisories\": [", low)
        .replace(
            "\"severity\": \"critical\",",
            "\"severity\": \"critical\", \"exploited\": true, \"zero_day\": true,"
                + " \"kev\": [{\"cve\": \"CVE-2024-43767\", \"date_added\": \"2024-12-12\"}],");
  }
}
